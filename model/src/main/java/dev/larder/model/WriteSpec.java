package dev.larder.model;

import java.util.Objects;

/**
 * What a {@code @WriteThrough} method needs from the runtime.
 *
 * @param site the method, for messages
 * @param cache the effective cache name
 * @param key the key template
 * @param ttl the TTL text, or empty for the default
 */
public record WriteSpec(String site, String cache, String key, String ttl) {
    public WriteSpec {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ttl, "ttl");
    }
}
