package dev.larder.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one duration syntax of Larder, shared by annotation attributes ({@code ttl}, {@code delay}) and configuration
 * keys: a whole number followed by {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}; an ISO-8601 duration
 * such as {@code PT10M}; or {@code 0} for no expiry. Units and ISO letters are accepted in either case.
 */
public final class Durations {
    /** What {@link #parse} accepts, in words, for error messages. */
    public static final String ALLOWED = "a whole number followed by ms, s, m, h or d (500ms, 30s, 10m, 2h, 1d),"
            + " an ISO-8601 duration such as PT10M, or 0 for no expiry";

    // The longest duration that still fits in a long of nanoseconds, which is what Caffeine and the clocks use.
    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

    private Durations() {}

    /**
     * Parses {@code text} as described in the class comment.
     *
     * @return the duration; {@link Duration#ZERO} for {@code 0}, meaning no expiry
     * @throws IllegalArgumentException if {@code text} is not a duration, is negative or is longer than about 292
     *     years; the message names the text and what is allowed
     */
    public static Duration parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Duration duration = parseShort(text);
        if (duration == null) {
            duration = parseIso(text);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' is negative: use " + ALLOWED);
        }
        if (duration.compareTo(LONGEST) > 0) {
            throw tooLong(text);
        }
        return duration;
    }

    /**
     * Formats {@code duration} in the short form {@link #parse} reads back, using the largest unit that divides it
     * ({@code 90s} stays {@code 90s}, {@code 120s} becomes {@code 2m}); {@code 0} for zero. Durations with a
     * fraction of a millisecond and negative durations are given in ISO-8601.
     */
    public static String format(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isZero()) {
            return "0";
        }
        if (duration.isNegative() || duration.getNano() % 1_000_000 != 0) {
            return duration.toString();
        }
        long millis = duration.toMillis();
        if (millis % 86_400_000 == 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /**
     * The short form: ASCII digits, then a unit in either case. Parsed by hand, not with a regular expression, since
     * the runtime reads its default timeouts this way when it starts, on the application's first cached call.
     */
    private static @Nullable Duration parseShort(String text) {
        int digits = 0;
        while (digits < text.length() && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == 0) {
            return null;
        }
        ChronoUnit unit = unit(text.substring(digits));
        if (unit == null) {
            return null;
        }
        try {
            return Duration.of(Long.parseLong(text.substring(0, digits)), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw tooLong(text);
        }
    }

    private static Duration parseIso(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: use " + ALLOWED, e);
        }
    }

    /** The unit of a suffix in either (ASCII) case, or null when it is none of ms, s, m, h, d. */
    private static @Nullable ChronoUnit unit(String suffix) {
        return switch (asciiLowerCase(suffix)) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            case "d" -> ChronoUnit.DAYS;
            default -> null;
        };
    }

    // Only ASCII letters fold, so the long s (U+017F) is no unit, as in Pattern.CASE_INSENSITIVE.
    private static String asciiLowerCase(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] += 'a' - 'A';
            }
        }
        return new String(chars);
    }

    private static IllegalArgumentException tooLong(String text) {
        return new IllegalArgumentException(
                "'" + text + "' is too long a duration: the longest is 106751d (about 292 years); use " + ALLOWED);
    }
}
