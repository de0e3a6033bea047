package dev.larder.internal.spi;

import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.metrics.CacheCounters;
import dev.larder.internal.tier.Tier;

/**
 * The Redis side of one configuration, as {@link RedisProvider#open} opened it: one connection, and the tier of each
 * cache whose values go through it. Thread-safe.
 */
public interface RemoteTiers extends AutoCloseable {

    /**
     * A new tier for a cache whose values go through Redis: Redis alone ({@code redis}) or a local L1 in front of it
     * ({@code tiered}).
     *
     * @param local the cache's local cache: its L1, or for a redis cache only its loads in flight
     */
    Tier tier(String cache, LocalCache local, CacheCounters counters, boolean tiered);

    /**
     * Invalidates a tag in Redis and tells the other JVMs, after this JVM invalidated it locally; never throws: what
     * cannot reach Redis now is kept and replayed. Nothing by default.
     */
    default void invalidateTag(String tag) {}

    /** Closes the connection and stops the threads; never throws. */
    @Override
    void close();
}
