package dev.larder.internal.redis;

import dev.larder.internal.cache.Entry;
import dev.larder.internal.cache.InFlight;
import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.clock.CoarseTicker;
import dev.larder.internal.handle.TaggedCaches;
import dev.larder.internal.tag.TagClock;
import dev.larder.internal.tier.CachedMethod;
import dev.larder.internal.tier.Hit;
import dev.larder.internal.tier.Lease;
import dev.larder.internal.tier.SingleFlightTier;
import dev.larder.internal.tier.Vouched;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A tier on Redis: the single-flight of this JVM, then the lease protocol of Redis (see {@link RemoteCache}). A miss
 * asks Redis ({@link RemoteCache#lookup}): a value found there is a hit; on a miss the same atomic call gives the load
 * the key's lease, and the load stores its value only under it, so a load never overwrites a write or invalidation
 * that came after its read, in any JVM; a refused value goes nowhere, not even to an L1. When another JVM holds the
 * lease, {@code larder.stampede=distributed} waits for its value, and {@code local} loads without storing.
 */
abstract class LeasedTier extends SingleFlightTier {
    final RemoteCache remote;

    LeasedTier(LocalCache cache, RemoteCache remote) {
        super(cache);
        this.remote = remote;
    }

    @Override
    @Nullable
    protected Object missed(Object key, CachedMethod method, InFlight mine) {
        String remoteKey = remote.key(key);
        if (remoteKey == null) {
            // Redis cannot be used for the key now, but an L1 copy must still drop at another JVM's later change
            remote.remember(key);
            counters.miss();
            return new MissLoad(this, key, method, mine, null, true);
        }
        // Before Redis is read: from now on another JVM's write or invalidation of the key drops this load (tiered).
        remote.remember(remoteKey, key);
        long since = System.nanoTime();
        long tagsSince = TagClock.now(); // before Redis is read: a tag message after the read makes an L1 copy stale
        return looked(key, method, mine, remoteKey, remote.lookup(remoteKey, method.type()), since, tagsSince);
    }

    /** As {@link #missed} for each key, with one round trip to Redis for all the keys it can be asked about. */
    @Override
    protected List<@Nullable Object> missedAll(List<Object> keys, CachedMethod method, List<InFlight> mine) {
        List<@Nullable String> remoteKeys = new ArrayList<>(keys.size());
        List<String> asked = new ArrayList<>();
        for (Object key : keys) {
            String remoteKey = remote.key(key);
            remoteKeys.add(remoteKey);
            if (remoteKey != null) {
                remote.remember(remoteKey, key); // before Redis is read, as for one key
                asked.add(remoteKey);
            }
        }
        long since = System.nanoTime();
        long tagsSince = TagClock.now();
        List<Lookup> lookups = asked.isEmpty() ? List.of() : remote.lookupAll(asked, method.type());
        List<@Nullable Object> missed = new ArrayList<>(keys.size());
        int next = 0;
        for (int i = 0; i < keys.size(); i++) {
            String remoteKey = remoteKeys.get(i);
            missed.add(
                    remoteKey == null
                            ? missed(keys.get(i), method, mine.get(i))
                            : looked(
                                    keys.get(i),
                                    method,
                                    mine.get(i),
                                    remoteKey,
                                    lookups.get(next++),
                                    since,
                                    tagsSince));
        }
        return missed;
    }

    /**
     * The rest of a miss once Redis answered {@code found} for the key: a hit, the value of another JVM's load, or
     * this caller's load (under its lease when it took one).
     *
     * @param since when the Redis read began ({@link System#nanoTime()})
     * @param tagsSince the {@link TagClock} reading taken before the Redis read, for the L1 copy of a tagged value
     */
    private @Nullable Object looked(
            Object key,
            CachedMethod method,
            InFlight mine,
            String remoteKey,
            Lookup found,
            long since,
            long tagsSince) {
        if (found.value() != null) {
            return remoteHit(key, method, mine, found.value(), since, tagsSince);
        }
        counters.miss();
        if (found.held()) {
            if (!remote.distributedStampede()) {
                // Another JVM is loading the key: load too, but only the lease holder may store.
                return new MissLoad(this, key, method, mine, null, false);
            }
            counters.waited();
            since = System.nanoTime();
            found = remote.awaitLoad(remoteKey, method.type());
            if (found.value() != null) {
                // waited: no refresh-ahead
                return remoteHit(key, method, mine, found.value(), since, tagsSince)
                        .entry()
                        .value();
            }
        }
        // A lease of our own, or none: the wait ended (time, interrupt) and the method runs uncached; or Redis failed.
        return new MissLoad(this, key, method, mine, found.lease(), !found.held());
    }

    /**
     * A value found in Redis by the load {@code mine}: kept in L1 when tiered; {@code mine} ends with it.
     *
     * @param since when the Redis read that found it began ({@link System#nanoTime()})
     * @param tagsSince the {@link TagClock} reading taken before that read: a tagged value's L1 copy is stamped with it
     */
    private Hit remoteHit(
            Object key, CachedMethod method, InFlight mine, RemoteValue found, long since, long tagsSince) {
        Object value = method.wrap(found.value());
        String[] tags = found.tags();
        if (tags != null) {
            mine.tag(TagClock.stamp(tagsSince, tags));
            if (keepsLocalCopies()) {
                // Another JVM's tagged method may have stored it, none being loaded here: untagged hits must check it
                TaggedCaches.holdsTagged(cache.name());
            }
        }
        long ageNanos =
                TimeUnit.MILLISECONDS.toNanos(Math.max(0, System.currentTimeMillis() - found.writtenAtMillis()));
        // The Redis entry's own draw of the TTL jitter is unknown here: the copy lives the shortest one, never longer.
        Entry entry = cache.entryFor(
                key, mine, value, l1Ttl(method.shortestTtl()), found.loadNanos(), CoarseTicker.now() - ageNanos);
        if (keepsLocalCopies()) {
            cache.finish(key, mine, entry);
        } else {
            cache.abandon(key, mine);
            mine.attach(new Vouched(since)); // only callers that started before the read may take its value
        }
        mine.complete(value);
        return new Hit(entry, found.writtenAtMillis());
    }

    @Override
    @Nullable
    protected String refreshKey(Object key) {
        return remote.key(key);
    }

    @Override
    protected boolean leaseRefresh(RefreshLoad refresh) {
        String remoteKey = refresh.remoteKey();
        if (remoteKey == null) {
            return true;
        }
        // Taken before the loader runs, so a write or invalidation during the refresh refuses its store.
        Lookup leased = remote.leaseToRefresh(remoteKey);
        if (leased.held()) {
            return false;
        }
        refresh.lease(leased.lease());
        return true;
    }

    @Override
    protected Stored storeRemote(Lease lease, @Nullable Object inner, long ttlNanos, long loadNanos) {
        RemoteCache.Stored stored = remote.store(redis(lease), inner, ttlNanos, loadNanos);
        return switch (stored) {
            case STORED -> Stored.STORED;
            case REFUSED -> Stored.REFUSED;
            case FAILED -> Stored.FAILED;
        };
    }

    @Override
    protected List<Stored> storeRemoteAll(
            List<Lease> leases, List<@Nullable Object> inners, long ttlNanos, long[] loadNanos) {
        List<dev.larder.internal.redis.Lease> redisLeases = new ArrayList<>(leases.size());
        for (Lease lease : leases) {
            redisLeases.add(redis(lease));
        }
        List<Stored> stored = new ArrayList<>(leases.size());
        for (RemoteCache.Stored each : remote.storeAll(redisLeases, inners, ttlNanos, loadNanos)) {
            stored.add(
                    switch (each) {
                        case STORED -> Stored.STORED;
                        case REFUSED -> Stored.REFUSED;
                        case FAILED -> Stored.FAILED;
                    });
        }
        return stored;
    }

    @Override
    protected boolean release(Lease lease) {
        return remote.release(redis(lease));
    }

    @Override
    protected List<Boolean> releaseAll(List<Lease> leases) {
        List<dev.larder.internal.redis.Lease> redisLeases = new ArrayList<>(leases.size());
        for (Lease lease : leases) {
            redisLeases.add(redis(lease));
        }
        return remote.releaseAll(redisLeases);
    }

    @Override
    protected void withdraw(Lease lease) {
        remote.withdraw(redis(lease));
    }

    /** The single-flight core hands back only the leases this tier took: Redis leases. */
    private static dev.larder.internal.redis.Lease redis(Lease lease) {
        return (dev.larder.internal.redis.Lease) lease;
    }

    /**
     * Removes a key from every level: the local cache (cancelling a load in flight), then Redis, then other JVMs' L1
     * copies through the invalidation channel. What cannot reach Redis now is replayed when it can (see {@link
     * RemoteCache#invalidate}); until then this JVM does not read the key from Redis.
     */
    @Override
    public final void invalidate(Object key) {
        cache.invalidate(key);
        remote.invalidate(key);
    }

    /** Removes every key of the cache from every level: a new local epoch and a new Redis generation. */
    @Override
    public final void invalidateAll() {
        cache.invalidateAll();
        remote.invalidateAll();
    }
}
