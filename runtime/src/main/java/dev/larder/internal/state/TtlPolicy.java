package dev.larder.internal.state;

import dev.larder.LarderConfig;
import dev.larder.internal.cache.Entry;
import dev.larder.internal.cache.Lifetime;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The lifetime of the values a method stores, under one configuration. Immutable. */
public final class TtlPolicy {
    private static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    private final LarderConfig config;

    TtlPolicy(LarderConfig config) {
        this.config = config;
    }

    /**
     * The lifetime in nanoseconds ({@link Entry#NO_EXPIRY} for none): the per-cache configuration if set, else the
     * method's own TTL (null when it has none), else 10 minutes.
     */
    public long ttlNanos(String cache, @Nullable Duration methodTtl) {
        Optional<Duration> configured = config.cacheTtl(cache);
        Duration ttl = configured.isPresent() ? configured.get() : methodTtl == null ? DEFAULT_TTL : methodTtl;
        return ttl.isZero() ? Entry.NO_EXPIRY : ttl.toNanos();
    }

    /**
     * The lifetime of the values a method stores: {@link #ttlNanos} with the TTL jitter of the per-cache configuration
     * if set, else the method's own (null when it has none), else {@code larder.ttlJitter}.
     */
    public Lifetime lifetime(String cache, @Nullable Duration methodTtl, @Nullable Double methodJitter) {
        return Lifetime.of(ttlNanos(cache, methodTtl), config.ttlJitter(cache, methodJitter));
    }
}
