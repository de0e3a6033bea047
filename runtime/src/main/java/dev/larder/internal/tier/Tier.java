package dev.larder.internal.tier;

import dev.larder.internal.cache.Entry;
import dev.larder.internal.cache.LocalCache;
import org.jspecify.annotations.Nullable;

/**
 * Where one cache keeps its values, with the whole protocol of its misses and writes: a local cache ({@link
 * LocalTier}), Redis with a single-flight of its own in this JVM ({@code RedisOnlyTier}), or a local L1 in front of
 * Redis ({@code TieredTier}); the last two are in {@code larder-redis}. Every load a tier hands out is a {@link Load} that ends exactly once, whatever the
 * caller does; writes and invalidations reach every level of the tier in the order that keeps loads from storing an
 * older value over them.
 *
 * <p>The hit path is not here: a cached method reads {@link #local()} directly, so a hit costs one lookup.
 *
 * <p>Thread-safe. No method throws for a backend fault: a Redis that cannot be reached looks like a miss, or like a
 * write that is replayed as an invalidation later.
 */
public interface Tier {
    /** The local cache of the tier: the L1, or for a redis tier only its loads in flight (and pending writes). */
    LocalCache local();

    /**
     * The miss path, after the hit path found nothing usable for {@code key}: one of
     *
     * <ul>
     *   <li>an {@link Entry}, a value found now in the local cache (a load finished meanwhile);
     *   <li>a {@link Hit}, a value found in Redis;
     *   <li>a {@link Load}: the caller runs the method and ends the load, exactly once; {@link Load#BYPASS} when it
     *       must run the method without caching (its own recursive call, a wait that gave up, a superseded load);
     *   <li>any other object (null too): the value to return, from another caller's load or a write not yet written
     *       behind.
     * </ul>
     *
     * @param bypassOwnLoad whether a call made by the thread loading the key gets a bypass instead of an
     *     error (woven code: an overriding method calling its woven super method)
     */
    @Nullable
    Object begin(Object key, CachedMethod method, boolean bypassOwnLoad);

    /**
     * A refresh-ahead of a key whose value {@code due} is due, to be started on a worker ({@link Load#start}), or null
     * when none is needed (one is running, or the value was refreshed meanwhile).
     *
     * @param dueWrittenAtMillis when Redis got the due value, for a {@link Hit}; {@link Hit#NOT_REMOTE} otherwise
     */
    @Nullable
    Load beginRefresh(Object key, CachedMethod method, Entry due, long dueWrittenAtMillis);

    /** Stores a written value in every level, superseding loads in flight of the key. Never throws for Redis. */
    void put(Object key, Object value, long ttlNanos);

    /** Removes a key from every level (and other JVMs' L1); loads in flight of the key will not store. */
    void invalidate(Object key);

    /** Removes every key from every level: a new local epoch, and a new Redis generation. */
    void invalidateAll();

    /**
     * Whether every value this tier hands out was decoded from Redis for this caller alone, no L1 keeping it (a redis
     * tier): a copying cache need not copy it again. False by default.
     */
    default boolean decodesEveryRead() {
        return false;
    }
}
