package dev.larder.samples;

import java.util.Objects;

/**
 * A search of one author's books, a page at a time, best rated first.
 *
 * @param author the author's exact name
 * @param authorId the author's id, which the result pages are tagged with ({@code author:<id>}) so that a change to
 *     the author's books drops them
 * @param page the page, from 0
 */
public record SearchQuery(String author, long authorId, int page) {
    /** Books on one result page. */
    public static final int PAGE_SIZE = 10;

    public SearchQuery {
        Objects.requireNonNull(author, "author");
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, was " + page);
        }
    }
}
