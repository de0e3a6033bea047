package dev.larder.model;

import java.util.Objects;

/**
 * What a {@code @WriteBehind} method needs from the runtime.
 *
 * @param site the method, for messages
 * @param cache the effective cache name
 * @param key the key template
 * @param ttl the TTL text, or empty for the default
 * @param delay how long a write may wait before it is flushed, as duration text
 * @param batchSize the most writes flushed together
 * @param coalesce whether writes to one key before a flush become the last one
 * @param maxRetries retries before a write is dead-lettered
 */
public record WriteBehindSpec(
        String site,
        String cache,
        String key,
        String ttl,
        String delay,
        int batchSize,
        boolean coalesce,
        int maxRetries) {
    public WriteBehindSpec {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(delay, "delay");
    }
}
