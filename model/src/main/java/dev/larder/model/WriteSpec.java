package dev.larder.model;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code @WriteThrough} method needs from the runtime. Immutable.
 *
 * @param site the method, for messages
 * @param cache the effective cache name
 * @param key the key template
 * @param ttl the TTL, {@link Duration#ZERO} for no expiry, or null for the default
 * @param ttlJitter the TTL jitter as {@link CachedSpec#ttlJitter()}, or null for the default
 */
public record WriteSpec(
        String site,
        String cache,
        String key,
        @Nullable Duration ttl,
        @Nullable Double ttlJitter) {
    /** A spec without TTL jitter of the method's own. */
    public WriteSpec(String site, String cache, String key, @Nullable Duration ttl) {
        this(site, cache, key, ttl, null);
    }

    /**
     * A spec with the TTL as text ({@code ""} for none), for hand-written code: parsed here, once.
     *
     * @throws IllegalArgumentException naming the site when {@code ttl} is not a duration
     */
    public WriteSpec(String site, String cache, String key, String ttl) {
        this(site, cache, key, SpecDurations.ttl(site, ttl));
    }

    public WriteSpec {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(key, "key");
        SpecDurations.check(site, "ttl", ttl);
        TtlJitter.check(site, ttlJitter);
    }
}
