package dev.larder.model;

import java.util.Objects;

/**
 * What one {@code @Invalidate} needs from the runtime. Whether it runs before or after the method is the calling
 * code's business, not the runtime's.
 *
 * @param site the method, for messages
 * @param cache the cache name
 * @param key the key template; ignored when {@code all}
 * @param all whether every entry of the cache is removed
 */
public record InvalidateSpec(String site, String cache, String key, boolean all) {
    public InvalidateSpec {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(key, "key");
    }
}
