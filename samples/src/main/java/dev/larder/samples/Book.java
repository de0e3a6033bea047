package dev.larder.samples;

import java.math.BigDecimal;

/**
 * A listed book, as the shop page shows it.
 *
 * @param id the book's id, 1 to the catalogue size
 * @param title the title
 * @param author the author's name
 * @param price the price in euros, two decimals
 * @param rating the mean reader rating, 1.0 to 5.0
 */
public record Book(long id, String title, String author, BigDecimal price, double rating) {}
