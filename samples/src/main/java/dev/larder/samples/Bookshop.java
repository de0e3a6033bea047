package dev.larder.samples;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the bookshop's traffic calls. {@link CatalogQueries} answers every call from the database; {@link Catalog} is
 * the same service with Larder's annotations, cached in whichever mode the application runs.
 *
 * <p>Implementations are thread-safe. Callers that read a counter and write the next value ({@link #views} then
 * {@link #recordView}) must not do so for one book from two threads at once.
 */
public interface Bookshop {
    /** A listed book, or {@code null} when there is no such book or it was delisted. */
    @Nullable
    Book findBook(long id);

    /**
     * The listed books among {@code ids}, by id, in the order asked (a page of a listing); ids of no listed book are
     * left out.
     */
    Map<Long, Book> findBooks(List<Long> ids);

    /** One page of an author's listed books, best rated first. */
    List<BookSummary> searchByAuthor(SearchQuery query);

    /** Every listed book of an author, best rated first: the author's page. */
    List<BookSummary> authorBooks(long authorId);

    /**
     * Credits a listed book to another author (a cataloguing fix); returns whether it moved: false, and nothing
     * changed, when the book is not listed or not by {@code fromAuthorId}. Both authors' pages change.
     */
    boolean moveBook(long bookId, long fromAuthorId, long toAuthorId);

    /**
     * Sets a listed book's price and returns the book as it is now, or {@code null} when it is not listed (nothing is
     * changed then).
     */
    @Nullable
    Book updatePrice(long id, BigDecimal price);

    /** How often a book was viewed. */
    ViewCount views(long id);

    /** Stores a book's new view total. */
    void recordView(long id, ViewCount count);

    /** Takes a book off sale; returns whether it was listed. */
    boolean delist(long id);
}
