package dev.larder.samples;

/**
 * How often a book's page was viewed in total. A value, not an increment: write-behind coalescing keeps the last
 * one per book, which is then the right total.
 *
 * @param bookId the book
 * @param views total views
 */
public record ViewCount(long bookId, long views) {
    /** The count after one more view. */
    public ViewCount next() {
        return new ViewCount(bookId, views + 1);
    }
}
