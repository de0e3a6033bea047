package dev.larder.model;

import java.util.List;
import java.util.Objects;

/**
 * What one {@code @Invalidate} needs from the runtime. Whether it runs before or after the method is the calling
 * code's business, not the runtime's.
 *
 * @param site the method, for messages
 * @param cache the cache name
 * @param key the key template; ignored when {@code all}
 * @param all whether every entry of the cache is removed
 * @param tags the tag templates whose entries are removed, in every cache; when {@code cache} is {@code ""}, the
 *     only thing removed
 */
public record InvalidateSpec(String site, String cache, String key, boolean all, List<String> tags) {
    public InvalidateSpec {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(key, "key");
        tags = List.copyOf(tags);
    }

    /** A spec without tags. */
    public InvalidateSpec(String site, String cache, String key, boolean all) {
        this(site, cache, key, all, List.of());
    }
}
