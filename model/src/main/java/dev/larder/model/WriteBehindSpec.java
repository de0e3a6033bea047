package dev.larder.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code @WriteBehind} method needs from the runtime. Immutable.
 *
 * @param site the method, for messages
 * @param cache the effective cache name
 * @param key the key template
 * @param ttl the TTL, {@link Duration#ZERO} for no expiry, or null for the default
 * @param delay how long a write may wait before it is flushed
 * @param batchSize the most writes flushed together, at least 1
 * @param coalesce whether writes to one key before a flush become the last one
 * @param maxRetries retries before a write is dead-lettered, 0 or more
 * @param ttlJitter the TTL jitter as {@link CachedSpec#ttlJitter()}, or null for the default
 * @throws IllegalArgumentException naming the site when a value is out of range
 */
public record WriteBehindSpec(
        String site,
        String cache,
        String key,
        @Nullable Duration ttl,
        Duration delay,
        int batchSize,
        boolean coalesce,
        int maxRetries,
        @Nullable Double ttlJitter) {
    /** A spec without TTL jitter of the method's own. */
    public WriteBehindSpec(
            String site,
            String cache,
            String key,
            @Nullable Duration ttl,
            Duration delay,
            int batchSize,
            boolean coalesce,
            int maxRetries) {
        this(site, cache, key, ttl, delay, batchSize, coalesce, maxRetries, null);
    }

    /**
     * A spec with the TTL ({@code ""} for none) and the delay as text, for hand-written code: parsed here, once.
     *
     * @throws IllegalArgumentException naming the site when {@code ttl} or {@code delay} is not a duration
     */
    public WriteBehindSpec(
            String site,
            String cache,
            String key,
            String ttl,
            String delay,
            int batchSize,
            boolean coalesce,
            int maxRetries) {
        this(
                site,
                cache,
                key,
                SpecDurations.ttl(site, ttl),
                SpecDurations.parse(site, "delay", delay),
                batchSize,
                coalesce,
                maxRetries);
    }

    public WriteBehindSpec {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(delay, "delay");
        SpecDurations.check(site, "ttl", ttl);
        SpecDurations.check(site, "delay", delay);
        TtlJitter.check(site, ttlJitter);
        Optional<String> problem = ModelRules.batchSize(batchSize);
        if (problem.isEmpty()) {
            problem = ModelRules.maxRetries(maxRetries);
        }
        if (problem.isPresent()) {
            throw new IllegalArgumentException(site + ": " + problem.get());
        }
    }
}
