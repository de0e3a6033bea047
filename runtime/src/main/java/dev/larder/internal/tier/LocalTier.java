package dev.larder.internal.tier;

import dev.larder.internal.cache.LocalCache;

/** A cache kept in this JVM only: Caffeine entries and the single-flight of loads. */
public final class LocalTier extends SingleFlightTier {
    public LocalTier(LocalCache cache) {
        super(cache);
    }

    @Override
    protected boolean keepsLocalCopies() {
        return true;
    }

    @Override
    public void put(Object key, Object value, long ttlNanos) {
        cache.put(key, value, ttlNanos);
    }

    @Override
    public void invalidate(Object key) {
        cache.invalidate(key);
    }

    @Override
    public void invalidateAll() {
        cache.invalidateAll();
    }
}
