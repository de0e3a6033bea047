package dev.larder.samples;

/**
 * One line of a search result. It has no price on purpose: prices change often and are written through to the book
 * cache, so a cached search page never shows a stale price.
 *
 * @param id the book's id
 * @param title the title
 * @param author the author's name
 * @param rating the mean reader rating
 */
public record BookSummary(long id, String title, String author, double rating) {}
