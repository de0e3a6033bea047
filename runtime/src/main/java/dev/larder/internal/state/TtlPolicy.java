package dev.larder.internal.state;

import dev.larder.LarderConfig;
import dev.larder.internal.cache.Entry;
import dev.larder.internal.config.Durations;
import java.time.Duration;
import java.util.Optional;

/** The lifetime of the values a method stores, under one configuration. Immutable. */
public final class TtlPolicy {
    private static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    private final LarderConfig config;

    TtlPolicy(LarderConfig config) {
        this.config = config;
    }

    /**
     * The lifetime in nanoseconds ({@link Entry#NO_EXPIRY} for none): the per-cache configuration if set, else the
     * method's own TTL, else 10 minutes.
     *
     * @throws IllegalArgumentException naming the site when the method's TTL does not parse
     */
    public long ttlNanos(String site, String cache, String methodTtl) {
        Optional<Duration> configured = config.cacheTtl(cache);
        Duration ttl =
                configured.isPresent() ? configured.get() : methodTtl.isEmpty() ? DEFAULT_TTL : parse(site, methodTtl);
        return ttl.isZero() ? Entry.NO_EXPIRY : ttl.toNanos();
    }

    private static Duration parse(String site, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(site + ": ttl " + e.getMessage(), e);
        }
    }
}
