package dev.larder.samples;

import java.util.Objects;

/**
 * A search of one author's books, a page at a time, best rated first.
 *
 * @param author the author's exact name
 * @param page the page, from 0
 */
public record SearchQuery(String author, int page) {
    /** Books on one result page. */
    public static final int PAGE_SIZE = 10;

    public SearchQuery {
        Objects.requireNonNull(author, "author");
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, was " + page);
        }
    }
}
