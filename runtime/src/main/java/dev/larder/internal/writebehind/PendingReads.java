package dev.larder.internal.writebehind;

import dev.larder.internal.cache.LocalCache;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The cache side of a write-behind queue: pending values go to the local cache's {@linkplain LocalCache#pendingWrite
 * pending writes}, which a miss of their key answers instead of loading the old row; a given-up write drops its key
 * from every tier.
 */
public final class PendingReads implements CacheSide {
    private final LocalCache cache;
    private final Consumer<Object> invalidate;
    private final Runnable invalidateAll;

    /**
     * @param invalidate removes one key from every tier of the cache
     * @param invalidateAll removes every key from every tier of the cache
     */
    public PendingReads(LocalCache cache, Consumer<Object> invalidate, Runnable invalidateAll) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.invalidate = Objects.requireNonNull(invalidate, "invalidate");
        this.invalidateAll = Objects.requireNonNull(invalidateAll, "invalidateAll");
    }

    @Override
    public Object pending(Object key, @Nullable Object value) {
        return cache.pendWrite(key, value);
    }

    @Override
    public void written(Object key, Object token) {
        cache.endPendingWrite(key, (LocalCache.PendingWrite) token);
    }

    @Override
    public void deadLettered(@Nullable Object key, @Nullable Object token) {
        if (key == null) {
            invalidateAll.run();
            return;
        }
        if (token != null) {
            cache.endPendingWrite(key, (LocalCache.PendingWrite) token);
        }
        invalidate.accept(key);
    }
}
