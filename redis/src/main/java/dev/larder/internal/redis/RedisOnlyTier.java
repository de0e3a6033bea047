package dev.larder.internal.redis;

import dev.larder.internal.cache.InFlight;
import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.tier.CachedMethod;
import dev.larder.internal.tier.Hit;
import dev.larder.internal.tier.Load;
import dev.larder.internal.tier.Vouched;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code backend=redis}: values live in Redis only; this JVM keeps its loads in flight (the single-flight) and the
 * unfinished futures they share, never a value. No message reaches this JVM when another one writes, so whatever is
 * shared here is checked against Redis before a caller that may have started after such a write gets it.
 */
public final class RedisOnlyTier extends LeasedTier {
    public RedisOnlyTier(LocalCache cache, RemoteCache remote) {
        super(cache, remote);
    }

    @Override
    protected boolean keepsLocalCopies() {
        return false;
    }

    @Override
    public boolean decodesEveryRead() {
        return true;
    }

    @Override
    @Nullable
    protected Object waitFor(Object key, CachedMethod method, InFlight running, long startedNanos) {
        if (running.isRefresh()) {
            // The value being refreshed is in Redis: serve it, as an L1 would, not the refresh.
            String remoteKey = remote.key(key);
            RemoteValue due = remoteKey == null ? null : remote.read(remoteKey, Objects.requireNonNull(method.type()));
            if (due != null) {
                return method.wrap(due.value());
            }
        }
        Object value = super.waitFor(key, method, running, startedNanos);
        // An unfinished future shared while its load stays in flight: only while its lease is still current, that
        // is while no write, delete or other store of the key has reached Redis since the load began.
        if (running.guard() instanceof Lease lease && !(value instanceof Load) && !remote.holds(lease)) {
            // Unregistered too (its own store will be refused), so that the next caller loads afresh instead of
            // checking a future that will never be current again.
            cache.abandon(key, running);
            return Load.bypass();
        }
        if (running.guard() instanceof Vouched vouched && !(value instanceof Load) && !vouched.covers(startedNanos)) {
            // Redis vouched for the value before this caller started: a change made meanwhile by another JVM went
            // unseen. The load has ended and left the single-flight, so beginning again reads Redis afresh.
            return AGAIN;
        }
        return value;
    }

    @Override
    protected boolean refreshedElsewhere(@Nullable String remoteKey, CachedMethod method, long dueWrittenAtMillis) {
        if (remoteKey == null || dueWrittenAtMillis == Hit.NOT_REMOTE) {
            return false;
        }
        RemoteValue now = remote.read(remoteKey, Objects.requireNonNull(method.type()));
        return now != null && now.writtenAtMillis() != dueWrittenAtMillis;
    }

    /**
     * Stores a written value in Redis ({@code SET … PX}) and tells other JVMs, superseding this JVM's loads of the key
     * in flight first, so that none of them finds itself current. What cannot reach Redis is replayed as an
     * invalidation when it can; nothing is thrown.
     */
    @Override
    public void put(Object key, Object value, long ttlNanos) {
        cache.supersede(key);
        remote.put(key, value, ttlNanos);
    }
}
