package dev.larder.model;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Parses a spec's duration text where the spec is written, so that nothing later parses it again. */
final class SpecDurations {
    private SpecDurations() {}

    /** The TTL of {@code text}, or null for {@code ""} (unset: the configured or default TTL applies). */
    static @Nullable Duration ttl(String site, String text) {
        return text.isEmpty() ? null : parse(site, "ttl", text);
    }

    static Duration parse(String site, String attribute, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    site + ": " + attribute + " \"" + text + "\" is not a duration: " + e.getMessage(), e);
        }
    }

    /** A duration a caller passed parsed: never negative. */
    static void check(String site, String attribute, @Nullable Duration duration) {
        if (duration != null && duration.isNegative()) {
            throw new IllegalArgumentException(site + ": " + attribute + " " + duration + " is negative");
        }
    }
}
