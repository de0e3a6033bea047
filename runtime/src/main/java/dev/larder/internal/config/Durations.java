package dev.larder.internal.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern SHORT = Pattern.compile("([0-9]+)(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

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

    private static @Nullable Duration parseShort(String text) {
        Matcher matcher = SHORT.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        ChronoUnit unit = unit(matcher.group(2).toLowerCase(Locale.ROOT));
        try {
            return Duration.of(Long.parseLong(matcher.group(1)), unit);
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

    private static ChronoUnit unit(String suffix) {
        return switch (suffix) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            default -> ChronoUnit.DAYS;
        };
    }

    private static IllegalArgumentException tooLong(String text) {
        return new IllegalArgumentException(
                "'" + text + "' is too long a duration: the longest is 106751d (about 292 years); use " + ALLOWED);
    }
}
