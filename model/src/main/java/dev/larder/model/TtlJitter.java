package dev.larder.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one syntax of TTL jitter, shared by the {@code ttlJitter} attributes and the {@code ttlJitter} configuration
 * keys: a percentage from {@code 0%} to {@code 100%} ({@code 10%}, {@code 2.5%}), or {@code 0} for none. Each store
 * shortens its entry's TTL by a uniformly random part of up to that fraction, so the configured TTL stays an upper
 * bound and {@code ttl × (1 − jitter)} the lower one.
 */
public final class TtlJitter {
    /** What {@link #parse} accepts, in words, for error messages. */
    public static final String ALLOWED = "a percentage from 0% to 100% such as 10%, or 0 for none";

    private TtlJitter() {}

    /**
     * Parses {@code text} as described in the class comment.
     *
     * @return the fraction of the TTL, from 0 to 1
     * @throws IllegalArgumentException naming the text and what is allowed when it is not such a percentage
     */
    public static double parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.equals("0")) {
            return 0;
        }
        if (!text.endsWith("%")) {
            throw new IllegalArgumentException("'" + text + "' is not a percentage: use " + ALLOWED);
        }
        String number = text.substring(0, text.length() - 1);
        double percent = isDecimal(number) ? Double.parseDouble(number) : -1;
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("'" + text + "' is not a percentage from 0% to 100%: use " + ALLOWED);
        }
        return percent / 100;
    }

    /** ASCII digits with at most one decimal point between digits: what a percentage's number may be. */
    private static boolean isDecimal(String number) {
        int point = number.indexOf('.');
        if (point != number.lastIndexOf('.') || point == 0 || point == number.length() - 1 || number.isEmpty()) {
            return false;
        }
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if ((c < '0' || c > '9') && i != point) {
                return false;
            }
        }
        return true;
    }

    /** The fraction as the percentage {@link #parse} reads back: {@code 0.1} is {@code 10%}. */
    public static String format(double fraction) {
        double percent = fraction * 100;
        return (percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent)) + "%";
    }

    /**
     * A parsed fraction a caller passed: from 0 to 1.
     *
     * @throws IllegalArgumentException naming the site otherwise
     */
    static void check(String site, @Nullable Double fraction) {
        if (fraction != null && !(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException(site + ": ttlJitter " + fraction + " must be a fraction from 0 to 1");
        }
    }
}
