package dev.larder.internal.tier;

import dev.larder.internal.cache.Entry;
import dev.larder.internal.cache.InFlight;
import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.metrics.CacheCounters;
import dev.larder.internal.tag.TagStamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/*
 * The single-flight of this JVM, shared by every tier: a miss registers an InFlight in the local cache, so one caller
 * per key loads and the others wait on it; the loader runs outside every lock. A load stores only while its InFlight
 * is still the registered one (see LocalCache), so an invalidation, a put or an invalidate-all made meanwhile wins.
 *
 * The Redis tiers add a lease to a load (see LeasedTier): its value is stored in Redis first, under the lease, and in
 * the L1 only if Redis took it. The hooks below are where they differ; every load ends through MissLoad or
 * RefreshLoad, which a Load lets end only once.
 */
/** The single-flight protocol of a tier over its local cache; subclasses add Redis. */
public abstract class SingleFlightTier implements Tier {
    protected final LocalCache cache;
    protected final CacheCounters counters;

    protected SingleFlightTier(LocalCache cache) {
        this.cache = cache;
        this.counters = cache.counters();
    }

    @Override
    public final LocalCache local() {
        return cache;
    }

    /** Whether values are kept in the local cache (a local or tiered cache), rather than only in Redis. */
    protected abstract boolean keepsLocalCopies();

    /** The lifetime of an L1 entry stored now for a value that lives {@code ttlNanos}. */
    protected long l1Ttl(long ttlNanos) {
        return ttlNanos;
    }

    /** What {@link #waitFor} returns when the load it waited on may be older than the caller: it begins again. */
    protected static final Object AGAIN = new Object();

    @Override
    public final @Nullable Object begin(Object key, CachedMethod method, boolean bypassOwnLoad) {
        long started = 0; // taken on the first registration attempt, so that a hit pays nothing for it
        for (int attempt = 0; attempt < 2; attempt++) {
            Object local = local(key, method, bypassOwnLoad);
            if (local instanceof Running running) {
                if (attempt == 0) {
                    // Before the registration that found this load: a load registered after it (one that ended
                    // AGAIN and was followed) read Redis later still, so a caller begins again at most once.
                    started = running.registering();
                }
                Object value = waitFor(key, method, running.flight(), started);
                if (value == AGAIN) {
                    continue; // that load has ended: one registered after it read Redis after this caller started
                }
                return value;
            }
            return local instanceof Mine mine ? missed(key, method, mine.flight()) : local;
        }
        return Load.bypass(); // joined two loads older than this caller: not seen yet, but bounded all the same
    }

    @Override
    public final List<@Nullable Object> tryBeginAll(List<Object> keys, CachedMethod method) {
        List<@Nullable Object> found = new ArrayList<>(keys.size());
        List<Integer> at = new ArrayList<>();
        List<Object> missedKeys = new ArrayList<>();
        List<InFlight> mine = new ArrayList<>();
        for (Object key : keys) {
            Object local = local(key, method, false);
            if (local instanceof Mine m) {
                at.add(found.size());
                missedKeys.add(key);
                mine.add(m.flight());
                found.add(null);
            } else {
                found.add(local instanceof Running ? LOADING_ELSEWHERE : local);
            }
        }
        if (!missedKeys.isEmpty()) {
            List<@Nullable Object> missed = missedAll(missedKeys, method, mine);
            for (int i = 0; i < at.size(); i++) {
                found.set(at.get(i), missed.get(i));
            }
        }
        return found;
    }

    /**
     * Another caller's load of the key, in flight: {@link #local}'s answer when this caller would wait.
     *
     * @param registering when this caller tried to register its own load ({@link System#nanoTime()})
     */
    private record Running(InFlight flight, long registering) {}

    /** The load this caller registered for the key, before anything but the local cache was asked. */
    private record Mine(InFlight flight) {}

    /**
     * The local half of a miss: an {@link Entry}; a write-behind value; a bypass; {@link Running}; or {@link Mine},
     * after which the caller must end the registered load through {@link #missed} or {@link #missedAll}.
     */
    private @Nullable Object local(Object key, CachedMethod method, boolean bypassOwnLoad) {
        Entry entry = cache.get(key);
        if (entry != null) {
            return entry; // a hit: the lookup counted by the hit path stands
        }
        LocalCache.PendingWrite written = cache.pendingWrite(key);
        if (written != null) {
            // A write-behind value the system of record does not have yet: a load would read the old row.
            return written.value() == null ? method.wrap(null) : written.value();
        }
        InFlight mine = cache.newLoad();
        long registering = System.nanoTime();
        InFlight running = cache.register(key, mine);
        if (running != null) {
            if (bypassOwnLoad && running.isRunningOnCurrentThread()) {
                return Load.bypass();
            }
            return new Running(running, registering);
        }
        // A load may have finished between the lookup above and the registration: it stores before it unregisters.
        entry = cache.get(key);
        if (entry != null) {
            mine.complete(entry.value());
            cache.abandon(key, mine);
            return entry;
        }
        return new Mine(mine);
    }

    /** {@link #missed} of many keys, in order; the Redis tiers ask Redis about all of them in one round trip. */
    protected List<@Nullable Object> missedAll(List<Object> keys, CachedMethod method, List<InFlight> mine) {
        List<@Nullable Object> missed = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            missed.add(missed(keys.get(i), method, mine.get(i)));
        }
        return missed;
    }

    /**
     * Waits on another caller's load of the key. Waited too long, interrupted, a cycle of loads, or a load whose value
     * lost to a newer write: the caller runs the method uncached, as without a cache.
     *
     * @param startedNanos when the caller first found a load of the key in flight ({@link System#nanoTime()})
     * @return the value; a {@link Load} to run; or {@link #AGAIN} when the caller must begin again
     */
    @Nullable
    protected Object waitFor(Object key, CachedMethod method, InFlight running, long startedNanos) {
        counters.miss();
        counters.waited();
        Object value = running.await(cache.name(), key, method.waitNanos());
        return value == InFlight.GAVE_UP || value instanceof Superseded ? Load.bypass() : value;
    }

    /** The miss of a key whose load {@code mine} this caller registered: a value found elsewhere, or its load. */
    @Nullable
    protected Object missed(Object key, CachedMethod method, InFlight mine) {
        counters.miss();
        return new MissLoad(this, key, method, mine, null, true);
    }

    @Override
    public final @Nullable Load beginRefresh(Object key, CachedMethod method, Entry due, long dueWrittenAtMillis) {
        InFlight refresh = cache.newRefresh();
        if (cache.register(key, refresh) != null) {
            return null; // a load or refresh of this key is already running
        }
        String remoteKey = refreshKey(key);
        // A refresh may have finished since this caller read the due entry: it stores before it unregisters.
        if ((keepsLocalCopies() && cache.get(key) != due)
                || refreshedElsewhere(remoteKey, method, dueWrittenAtMillis)) {
            cache.abandon(key, refresh);
            refresh.complete(due.value());
            return null;
        }
        return new RefreshLoad(this, key, method, refresh, due.value(), remoteKey);
    }

    /** The Redis key a refresh takes its lease on, or null (no Redis, or none usable for the key now). */
    @Nullable
    protected String refreshKey(Object key) {
        return null;
    }

    /** Whether Redis holds a newer value than the due one read from it without an L1 (another refresh stored it). */
    protected boolean refreshedElsewhere(@Nullable String remoteKey, CachedMethod method, long dueWrittenAtMillis) {
        return false;
    }

    /**
     * Takes a refresh's lease before its method runs, so that a write or invalidation meanwhile refuses its store.
     *
     * @return false when another JVM is loading the key: the refresh does not run
     */
    protected boolean leaseRefresh(RefreshLoad refresh) {
        return true;
    }

    /** Stores a loaded value under its lease: what became of it. Only called with a lease, so only by Redis tiers. */
    protected Stored storeRemote(Lease lease, @Nullable Object inner, long ttlNanos, long loadNanos) {
        throw new IllegalStateException("no lease without Redis");
    }

    /** {@link #storeRemote} of many values, in one round trip. Only called with leases, so only by Redis tiers. */
    protected List<Stored> storeRemoteAll(
            List<Lease> leases, List<@Nullable Object> inners, long ttlNanos, long[] loadNanos) {
        throw new IllegalStateException("no lease without Redis");
    }

    /**
     * Gives a lease up without storing, so that other JVMs waiting on it stop waiting.
     *
     * @return whether the lease was still current when given up (no write, delete or other store came since); false on
     *     a fault
     */
    protected boolean release(Lease lease) {
        return false;
    }

    /** {@link #release} of many leases, in one round trip. Only called with leases, so only by Redis tiers. */
    protected List<Boolean> releaseAll(List<Lease> leases) {
        throw new IllegalStateException("no lease without Redis");
    }

    /** Deletes a value stored under a lease whose load this JVM superseded just after it stored. */
    protected void withdraw(Lease lease) {}

    /** What became of a value stored in Redis under a lease. */
    protected enum Stored {
        STORED,
        /** A write, delete or other store came after the lease was taken. */
        REFUSED,
        /** Redis or the codec failed; whether the lease is still current is unknown. */
        FAILED
    }

    /**
     * Ends a load that may store: in Redis under its lease (when it has one), then in L1 if the load is still current
     * there. A value Redis refused under the lease goes nowhere.
     *
     * <p>Without an L1 no message tells the callers waiting on the load that another JVM wrote meanwhile, so their value
     * must be vouched for by Redis: the load attaches a {@link Vouched} when its store under the lease succeeded (or,
     * for a value not kept, when the lease was still current), and its waiters run the method when Redis could not
     * vouch for it.
     *
     * @param lease null for a local cache, or when Redis could not be asked: L1 only
     * @return whether the callers waiting on the load must not get its value: Redis refused it, or, without an L1,
     *     could not vouch for it
     */
    final boolean store(
            Object key,
            InFlight load,
            CachedMethod method,
            @Nullable Object value,
            long loadNanos,
            @Nullable Lease lease) {
        boolean l1 = keepsLocalCopies();
        if (!method.keeps(value)) {
            cache.finish(key, load, null);
            if (lease == null) {
                return false;
            }
            long since = System.nanoTime();
            boolean held = release(lease);
            return !l1 && !vouched(load, held, since);
        }
        // One draw of the TTL jitter for both levels: the L1 copy never outlives the Redis entry.
        long ttl = method.storeTtl();
        Entry entry = cache.entryFor(key, load, value, l1Ttl(ttl), loadNanos);
        if (method.isFuture(value)) {
            if (l1) {
                // Kept locally until it completes, so that concurrent callers share it; in Redis once it has a value.
                cache.finish(key, load, entry);
            } else if (lease != null) {
                // Without an L1 no message reaches a future shared here: it stays this key's load in flight, and a
                // caller that joins it first checks that the lease is still current (see RedisOnlyTier.waitFor).
                load.attach(lease);
            }
            ((CompletionStage<?>) value)
                    .whenComplete((done, failure) ->
                            storeCompleted(key, load, entry, method, ttl, done, failure, loadNanos, lease));
            return false;
        }
        if (lease == null) {
            cache.finish(key, load, l1 ? entry : null);
            return false;
        }
        long since = System.nanoTime();
        Stored stored = storeRemote(lease, method.inner(value), ttl, loadNanos);
        return stored(key, load, entry, lease, stored, since);
    }

    /**
     * The end of {@link #store} once Redis answered: the L1 entry (when the load is still current there), or the
     * withdrawal of a value stored for a load superseded meanwhile.
     *
     * @param since when the store in Redis began ({@link System#nanoTime()})
     * @return as {@link #store}
     */
    private boolean stored(Object key, InFlight load, Entry entry, Lease lease, Stored stored, long since) {
        boolean l1 = keepsLocalCopies();
        if (stored == Stored.REFUSED) {
            cache.finish(key, load, null);
            return true;
        }
        if (stored == Stored.FAILED) {
            release(lease);
        } else if (!l1) {
            load.attach(new Vouched(since));
        }
        boolean current = cache.finish(key, load, l1 ? entry : null);
        if (stored == Stored.STORED && !current) {
            withdraw(lease);
        }
        return stored == Stored.FAILED && !l1;
    }

    /**
     * Ends many loads of one bulk lookup with their values, as {@link Load#complete} each, but with one round trip to
     * Redis for every value stored under a lease. Each load still ends exactly once.
     */
    static void completeAll(List<Load> loads, List<@Nullable Object> values) {
        List<MissLoad> leased = new ArrayList<>();
        List<@Nullable Object> leasedValues = new ArrayList<>();
        List<MissLoad> givenUp = new ArrayList<>();
        List<@Nullable Object> givenUpValues = new ArrayList<>();
        for (int i = 0; i < loads.size(); i++) {
            Load load = loads.get(i);
            Object value = values.get(i);
            if (load instanceof MissLoad miss && miss.storesUnderLease(value)) {
                miss.endInBatch();
                leased.add(miss);
                leasedValues.add(value);
            } else if (load instanceof MissLoad miss && miss.givesLeaseUp(value)) {
                miss.endInBatch();
                givenUp.add(miss);
                givenUpValues.add(value);
            } else {
                load.complete(value);
            }
        }
        try {
            if (!leased.isEmpty()) {
                leased.get(0).tier.storeAll(leased, leasedValues);
            }
        } finally { // the loads given up are ended already: they complete whatever became of the others
            if (!givenUp.isEmpty()) {
                givenUp.get(0).tier.giveUpAll(givenUp, givenUpValues);
            }
        }
    }

    /**
     * The other leased half of {@link #completeAll}: loads of this tier, already ended, whose values are not kept (a key
     * the method left out of its map, a null not cached), so that their leases are given up, all in one round trip; each
     * ends as {@link MissLoad#completed} ends it.
     */
    private void giveUpAll(List<MissLoad> loads, List<@Nullable Object> values) {
        List<Lease> leases = new ArrayList<>(loads.size());
        long now = System.nanoTime();
        for (MissLoad load : loads) {
            counters.loaded(now - load.start);
            cache.finish(load.key, load.flight, null);
            leases.add(load.lease);
        }
        long since = System.nanoTime();
        List<Boolean> held = releaseAll(leases);
        boolean l1 = keepsLocalCopies();
        for (int i = 0; i < loads.size(); i++) {
            MissLoad load = loads.get(i);
            Object value = values.get(i);
            boolean refused = !l1 && !vouched(load.flight, held.get(i), since);
            load.flight.complete(refused ? new Superseded(value) : value);
        }
    }

    /** The leased half of {@link #completeAll}: loads of this tier, already ended, whose values Redis is to store. */
    private void storeAll(List<MissLoad> loads, List<@Nullable Object> values) {
        // One draw of the TTL jitter for the batch, as one store's draw serves both levels of a single key.
        long ttlNanos = loads.get(0).method.storeTtl();
        List<Lease> leases = new ArrayList<>(loads.size());
        List<@Nullable Object> inners = new ArrayList<>(loads.size());
        List<Entry> entries = new ArrayList<>(loads.size());
        long[] took = new long[loads.size()];
        long now = System.nanoTime();
        for (int i = 0; i < loads.size(); i++) {
            MissLoad load = loads.get(i);
            took[i] = now - load.start;
            counters.loaded(took[i]);
            leases.add(load.lease);
            inners.add(load.method.inner(values.get(i)));
            entries.add(cache.entryFor(load.key, load.flight, values.get(i), l1Ttl(ttlNanos), took[i]));
        }
        long since = System.nanoTime();
        List<Stored> stored = storeRemoteAll(leases, inners, ttlNanos, took);
        for (int i = 0; i < loads.size(); i++) {
            MissLoad load = loads.get(i);
            Object value = values.get(i);
            boolean refused = stored(load.key, load.flight, entries.get(i), leases.get(i), stored.get(i), since);
            load.flight.complete(refused ? new Superseded(value) : value);
        }
    }

    /**
     * Attaches a {@link Vouched} to a load whose lease Redis found current after {@code since}: a value not kept, whose
     * lease was given up.
     */
    private static boolean vouched(InFlight load, boolean held, long since) {
        if (held) {
            load.attach(new Vouched(since));
        }
        return held;
    }

    /** The second half of storing a future: its value, once it has one, under the lease its load took. */
    private void storeCompleted(
            Object key,
            InFlight load,
            Entry entry,
            CachedMethod method,
            long ttl,
            @Nullable Object done,
            @Nullable Throwable failure,
            long loadNanos,
            @Nullable Lease lease) {
        boolean keep = failure == null && method.keeps(done);
        boolean refused = false;
        if (lease != null) {
            Stored stored = keep ? storeRemote(lease, done, ttl, loadNanos) : null;
            refused = stored == Stored.REFUSED;
            if (stored != Stored.STORED && !refused) {
                release(lease);
            }
        }
        if (!keepsLocalCopies()) {
            cache.abandon(key, load); // the future was this key's load in flight until now
        } else if (!keep || refused) {
            cache.remove(key, entry);
        }
    }

    /** Unregisters a load that stores nothing and gives its lease up, so no caller or JVM waits for it any longer. */
    private void giveUp(Object key, InFlight flight, @Nullable Lease lease) {
        cache.abandon(key, flight);
        if (lease != null) {
            release(lease);
        }
    }

    /** The load of a miss. */
    protected static final class MissLoad extends Load {
        private final SingleFlightTier tier;
        private final Object key;
        private final CachedMethod method;
        private final InFlight flight;
        private final long start = System.nanoTime();
        /** The Redis lease to store under; null for a local cache, or when Redis cannot store it. */
        private final @Nullable Lease lease;
        /** False when the value goes to waiting callers only: another JVM holds the key's lease. */
        private final boolean stores;

        public MissLoad(
                SingleFlightTier tier,
                Object key,
                CachedMethod method,
                InFlight flight,
                @Nullable Lease lease,
                boolean stores) {
            super(method.site());
            this.tier = tier;
            this.key = key;
            this.method = method;
            this.flight = flight;
            this.lease = lease;
            this.stores = stores;
        }

        /**
         * Whether ending with {@code value} stores it in Redis under this load's lease, as {@link #completeAll} does
         * for many loads at once: a kept, plain value of a load that stores and holds a lease.
         */
        boolean storesUnderLease(@Nullable Object value) {
            return stores && lease != null && method.keeps(value) && !method.isFuture(value);
        }

        /** Whether completing with {@code value} gives the lease up without storing: a value that is not kept. */
        boolean givesLeaseUp(@Nullable Object value) {
            return stores && lease != null && !method.keeps(value);
        }

        @Override
        public void beginTagged() {
            if (lease != null) {
                lease.tagged();
            }
        }

        @Override
        public void tag(TagStamp stamp) {
            flight.tag(stamp);
            if (lease != null) {
                lease.tag(stamp);
            }
        }

        @Override
        void completed(@Nullable Object value) {
            long took = System.nanoTime() - start;
            tier.counters.loaded(took);
            boolean l1 = tier.keepsLocalCopies();
            if (!stores) {
                tier.cache.abandon(key, flight);
                // Without an L1 no message tells this load that another JVM wrote meanwhile, and without a lease no
                // store is refused: callers that waited on it may have started after such a write: they run the method.
                flight.complete(l1 ? value : new Superseded(value));
                return;
            }
            boolean refused = tier.store(key, flight, method, value, took, lease);
            // Callers waiting on a refused load may have started after the write that refused it: they run the
            // method. So do those waiting on a redis-backend load that Redis could not guard or vouch for (a fault,
            // or a key that cannot use Redis now): no message reaches it, so a write meanwhile goes unseen.
            boolean unguarded = lease == null && !l1;
            flight.complete(refused || unguarded ? new Superseded(value) : value);
        }

        @Override
        void failed(Throwable failure) {
            tier.counters.loadFailed(System.nanoTime() - start);
            tier.giveUp(key, flight, lease);
            flight.fail(failure);
        }

        @Override
        void abandoned() {
            tier.giveUp(key, flight, lease);
            flight.complete(new Superseded(null));
        }

        @Override
        void handedOff(@Nullable Object value) {
            tier.counters.loaded(System.nanoTime() - start);
            tier.giveUp(key, flight, lease);
            // As for a load that does not store: without an L1 a waiter may have started after another JVM's write
            flight.complete(tier.keepsLocalCopies() ? value : new Superseded(value));
        }
    }

    /** A refresh-ahead: reloads a value that is still served until the refresh stores its successor. */
    protected static final class RefreshLoad extends Load {
        private final SingleFlightTier tier;
        private final Object key;
        private final CachedMethod method;
        private final InFlight flight;
        private final @Nullable String remoteKey;
        /** What the waiting callers get when the refresh ends without a value. */
        private @Nullable Object handOver;

        private @Nullable Lease lease;
        private long start;

        public RefreshLoad(
                SingleFlightTier tier,
                Object key,
                CachedMethod method,
                InFlight flight,
                @Nullable Object due,
                @Nullable String remoteKey) {
            super(method.site());
            this.tier = tier;
            this.key = key;
            this.method = method;
            this.flight = flight;
            this.handOver = due;
            this.remoteKey = remoteKey;
        }

        @Nullable
        public String remoteKey() {
            return remoteKey;
        }

        public void lease(@Nullable Lease taken) {
            lease = taken;
        }

        @Override
        public boolean start() {
            flight.runOnCurrentThread();
            if (!tier.leaseRefresh(this)) {
                handOver = new Superseded(null); // another JVM is loading the key
                abandon();
                return false;
            }
            start = System.nanoTime();
            return true;
        }

        @Override
        public void tag(TagStamp stamp) {
            flight.tag(stamp);
        }

        @Override
        void completed(@Nullable Object value) {
            tier.counters.refreshed();
            if (method.isFuture(value)) {
                // A refreshed future replaces the current one only once it has a value, so readers never wait on it.
                CompletionStage<?> future = (CompletionStage<?>) value;
                future.whenComplete((done, failure) -> {
                    if (failure != null) {
                        tier.counters.refreshFailed();
                        tier.cache.abandon(key, flight);
                        if (lease != null) {
                            tier.release(lease);
                        }
                    } else {
                        tier.store(key, flight, method, future, System.nanoTime() - start, lease);
                    }
                });
                flight.complete(value);
                return;
            }
            boolean refused = tier.store(key, flight, method, value, System.nanoTime() - start, lease);
            flight.complete(refused ? new Superseded(value) : value);
        }

        @Override
        void failed(Throwable failure) {
            // The current value stays until it expires; a caller that waited on this refresh gets its exception.
            tier.counters.refreshFailed();
            tier.giveUp(key, flight, lease);
            flight.fail(failure);
        }

        @Override
        void abandoned() {
            tier.giveUp(key, flight, lease);
            flight.complete(handOver);
        }
    }
}
