package dev.larder.internal.redis;

import dev.larder.internal.cache.Entry;
import dev.larder.internal.cache.LocalCache;
import java.util.function.LongUnaryOperator;

/**
 * {@code backend=tiered}: an L1 in this JVM in front of Redis. L1 entries are registered with the Redis view before
 * they are stored, so that another JVM's write or invalidation drops them, and live at most the staleness bound
 * ({@code larder.redis.staleness}) while the invalidation channel is not live.
 */
public final class TieredTier extends LeasedTier {
    private final LongUnaryOperator localTtl;

    public TieredTier(LocalCache cache, RemoteCache remote) {
        this(cache, remote, remote::localTtl);
    }

    /**
     * @param localTtl the lifetime of an L1 entry stored now, from a value's TTL: capped by the staleness bound while
     *     the channel is not live
     */
    public TieredTier(LocalCache cache, RemoteCache remote, LongUnaryOperator localTtl) {
        super(cache, remote);
        this.localTtl = localTtl;
    }

    @Override
    protected boolean keepsLocalCopies() {
        return true;
    }

    @Override
    protected long l1Ttl(long ttlNanos) {
        return localTtl.applyAsLong(ttlNanos);
    }

    /**
     * Stores a written value in every level, superseding loads in flight: L1 first (so a load that started earlier
     * cannot store after it; registered for other JVMs' invalidations before it is stored), then Redis ({@code SET …
     * PX}, synchronously), then tells other JVMs to drop their L1 copy. What cannot reach Redis is replayed as an
     * invalidation when it can; nothing is thrown.
     */
    @Override
    public void put(Object key, Object value, long ttlNanos) {
        remote.remember(key);
        long lifetime = localTtl.applyAsLong(ttlNanos);
        Entry stored = cache.put(key, value, lifetime);
        // The channel may have stopped being live since the lifetime was chosen, after the watchdog dropped the L1:
        // then the entry lives no longer than the staleness bound either.
        long now = localTtl.applyAsLong(ttlNanos);
        if (now < lifetime) {
            cache.shorten(key, stored, now);
        }
        remote.put(key, value, ttlNanos);
    }
}
