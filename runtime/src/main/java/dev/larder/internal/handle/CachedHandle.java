package dev.larder.internal.handle;

import dev.larder.ValueType;
import dev.larder.internal.cache.Entry;
import dev.larder.internal.cache.InFlight;
import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.clock.CoarseTicker;
import dev.larder.internal.metrics.CacheCounters;
import dev.larder.internal.redis.Lease;
import dev.larder.internal.redis.Lookup;
import dev.larder.internal.redis.RemoteCache;
import dev.larder.internal.redis.RemoteValue;
import dev.larder.internal.state.LarderRuntime;
import dev.larder.internal.state.RuntimeState;
import dev.larder.model.CachedSpec;
import dev.larder.model.ResultKind;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The runtime's side of a {@code @Cached} method. Calling code does, per call:
 *
 * <pre>{@code
 * Object key = FIND.key(id);
 * Object value = FIND.get(key);
 * if (value == CachedHandle.MISS) {
 *     value = FIND.load(key, () -> super.find(id));
 * }
 * return (Book) value;
 * }</pre>
 *
 * {@link #get} is the hit path and takes no loader, so a hit allocates nothing but the key. {@link #load} handles
 * everything else: single-flight loading, waiting on another caller's load, and scheduling a refresh-ahead.
 *
 * <p>With a Redis backend {@link #get} is unchanged: for {@code tiered} it finds the L1 entries, for {@code redis} it
 * finds nothing (the local cache then only holds loads in flight). {@link #load} first registers the one load of the
 * key in this JVM, then asks Redis ({@link RemoteCache#lookup}): a value found there is a hit; on a miss the same
 * atomic call gives this load the key's lease, and the load stores its value only under it, so a load never overwrites
 * a write or invalidation that came after its read, in any JVM; a refused value goes nowhere, not even to L1. When
 * another JVM holds the lease, {@code larder.stampede=distributed} waits for its value, and {@code local} loads without
 * storing.
 *
 * <p>Woven code runs the method body in place, so it cannot hand the body over as a {@link Loader}; it splits
 * {@link #load} in two around the body: {@link #begin} returns the value or a {@link Ticket}, and the body's result
 * or exception goes to {@link #complete} or {@link #fail}.
 */
public final class CachedHandle extends Handle {
    /** Returned by {@link #get} when the caller must call {@link #load}. Never a cached value. */
    public static final Object MISS = new Object() {
        @Override
        public String toString() {
            return "MISS";
        }
    };

    private static final long NO_REFRESH = Long.MAX_VALUE;
    private static final long NOT_REMOTE = Long.MIN_VALUE;
    /** Beyond this many load times of headroom, XFetch's chance of refreshing is below e^-40: skip the logarithm. */
    private static final double XFETCH_HEADROOM = 40;

    private final CachedSpec spec;
    private final ResultKind result;
    private final boolean cacheNull;
    private final double beta;
    private final ClassLoader loader;
    private volatile Binding binding;

    CachedHandle(CachedSpec spec, ClassLoader loader, RuntimeState state) {
        super(spec.site(), spec.cache(), spec.key());
        this.spec = spec;
        this.loader = loader;
        this.result = spec.result();
        this.cacheNull = spec.cacheNull();
        this.beta = spec.refreshBeta();
        this.binding = newBinding(state);
    }

    @Override
    public void bind(RuntimeState state) {
        binding = newBinding(state);
    }

    private Binding newBinding(RuntimeState state) {
        long ttl = state.ttlNanos(site, cache, spec.ttl());
        long refreshAfter =
                spec.refreshAt() == 0 || ttl == Entry.NO_EXPIRY ? NO_REFRESH : (long) (ttl * spec.refreshAt());
        RemoteCache remote = state.remote(cache);
        ValueType type = null;
        if (remote != null) {
            // Object, raw and open application types come back from Redis as something else: refused, loudly
            type = DeclaredTypes.forRemote(spec, loader, cache);
            if (type == null) {
                remote = null;
            }
        }
        return new Binding(state, state.cache(cache), ttl, refreshAfter, remote, type, LarderRuntime.failureOf(state));
    }

    /**
     * The cached value for the key, or {@link #MISS}. Hot path: one cache lookup, no locks, no allocation. The lookup
     * is counted here, before it is made so that counting overlaps with it; {@link #load} or {@link #begin}, which
     * must follow a {@link #MISS}, count a miss if the key turns out not to be cached (see {@link CacheCounters}).
     */
    public @Nullable Object get(Object key) {
        Binding b = binding;
        b.counters.lookup();
        Entry entry = b.cache.get(key);
        if (entry == null || (b.refreshAfter != NO_REFRESH && refreshDue(b, entry))) {
            return MISS;
        }
        return entry.value();
    }

    /**
     * The value for the key after {@link #get} returned {@link #MISS}: the cached value if another caller stored it
     * meanwhile (scheduling a refresh when one is due), else the value of the one load of this key in flight, which
     * this caller runs itself when there is none. The loader's exception is rethrown unchanged, and nothing is stored.
     */
    public @Nullable Object load(Object key, Loader loader) {
        Object acquired = acquire(binding, key, loader, false);
        if (!(acquired instanceof Ticket ticket)) {
            return acquired;
        }
        Object value;
        try {
            value = loader.load();
        } catch (Throwable failure) {
            fail(ticket, failure);
            throw Exceptions.sneakyThrow(failure);
        }
        complete(ticket, value);
        return value;
    }

    /**
     * The first half of {@link #load} for woven code, whose loader is the method body itself and so cannot be passed
     * in: called after {@link #get} returned {@link #MISS}. Returns either the value to return without running the
     * body (another caller stored it meanwhile, or this caller waited for another caller's load of the key and got its
     * value; that load's exception is rethrown unchanged), or a {@link Ticket}: then this caller owns the one load of
     * the key, must run the body, and must pass the ticket to {@link #complete} with the result or to {@link #fail}
     * with the exception, exactly once.
     *
     * <p>A call of the same method with the same key made by the thread that is loading that key (an overriding
     * method calling its woven super method) gets a ticket that bypasses the cache: its body runs and nothing is
     * stored for it, so the outer load stores the outer result.
     *
     * @param refresher runs the body again for a refresh-ahead; null when the method has no {@code @RefreshAhead}
     */
    public @Nullable Object begin(Object key, @Nullable Loader refresher) {
        return acquire(binding, key, refresher, true);
    }

    /** Ends the load of a {@link #begin} ticket with the body's result: stores it and hands it to waiting callers. */
    public void complete(Object ticket, @Nullable Object value) {
        Ticket t = (Ticket) ticket;
        if (t == Ticket.BYPASS) {
            return;
        }
        Binding b = t.binding;
        long took = System.nanoTime() - t.start;
        b.counters.loaded(took);
        if (!t.stores) {
            b.cache.abandon(t.key, t.load);
            // Without an L1 no message tells this load that another JVM wrote meanwhile, and without a lease no store
            // is refused: callers that waited on it may have started after such a write, so they run the method.
            t.load.complete(b.l1() ? value : new Superseded(value));
            return;
        }
        boolean refused = store(b, t.key, t.load, value, took, t.lease);
        // Callers waiting on a refused load may have started after the write that refused it: they run the method. So
        // do those waiting on a redis-backend load that Redis could not guard (a fault, or a key that cannot use Redis
        // now): no lease refuses it and no message reaches it, so a write made meanwhile goes unseen.
        boolean unguarded = t.lease == null && b.remote != null && !b.l1();
        t.load.complete(refused || unguarded ? new Superseded(value) : value);
    }

    /** Ends the load of a {@link #begin} ticket with the body's exception: stores nothing; waiting callers get it. */
    public void fail(Object ticket, Throwable failure) {
        Ticket t = (Ticket) ticket;
        if (t == Ticket.BYPASS) {
            return;
        }
        Binding b = t.binding;
        b.counters.loadFailed(System.nanoTime() - t.start);
        b.cache.abandon(t.key, t.load);
        if (t.lease != null) {
            b.remote.release(t.lease);
        }
        t.load.fail(failure);
    }

    private @Nullable Object acquire(Binding b, Object key, @Nullable Loader refresher, boolean bypassOwnLoad) {
        if (b.failure != null) {
            throw b.failure; // created under a broken configuration: every call reports it
        }
        LocalCache cache = b.cache;
        Entry entry = cache.get(key);
        if (entry != null) {
            // a hit: the lookup counted by get() stands
            if (refresher != null && b.refreshAfter != NO_REFRESH && refreshDue(b, entry)) {
                scheduleRefresh(b, key, entry, refresher, NOT_REMOTE);
            }
            return entry.value();
        }
        LocalCache.PendingWrite written = cache.pendingWrite(key);
        if (written != null) {
            // A write-behind value the system of record does not have yet: a load would read the old row.
            return written.value() == null ? wrap(null) : written.value();
        }
        InFlight mine = cache.newLoad();
        InFlight running = cache.register(key, mine);
        if (running != null) {
            if (bypassOwnLoad && running.isRunningOnCurrentThread()) {
                return Ticket.BYPASS;
            }
            if (running.isRefresh() && !b.l1()) {
                // Without an L1 the value being refreshed is in Redis: serve it, as an L1 would, not the refresh.
                Object due = readDuringRefresh(b, key);
                if (due != MISS) {
                    return due;
                }
            }
            b.counters.miss();
            b.counters.waited();
            Object value = running.await(cache.name(), key, b.waitNanos);
            // Waited too long, interrupted, a cycle of loads, or a load whose value lost to a newer write: run the
            // method uncached, as without a cache.
            return value == InFlight.GAVE_UP || value instanceof Superseded ? Ticket.BYPASS : value;
        }
        // A load may have finished between the lookup above and the registration: it stores before it unregisters.
        entry = cache.get(key);
        if (entry != null) {
            mine.complete(entry.value());
            cache.abandon(key, mine);
            return entry.value();
        }
        RemoteCache remote = b.remote;
        String remoteKey = remote == null ? null : remote.key(key);
        if (remoteKey == null) {
            if (remote != null) {
                // Redis cannot be used for the key now, but its L1 copy must still drop at another JVM's later change
                remote.remember(key);
            }
            b.counters.miss();
            return new Ticket(b, key, mine, null, true);
        }
        // Before Redis is read: from now on another JVM's write or invalidation of the key drops this load (tiered).
        remote.remember(remoteKey, key);
        Lookup found = remote.lookup(remoteKey, b.type);
        if (found.value() != null) {
            return remoteHit(b, key, mine, found.value(), refresher);
        }
        b.counters.miss();
        if (found.held()) {
            if (!remote.distributedStampede()) {
                // Another JVM is loading the key: load too, but only the lease holder may store.
                return new Ticket(b, key, mine, null, false);
            }
            b.counters.waited();
            found = remote.awaitLoad(remoteKey, b.type);
            if (found.value() != null) {
                return remoteHit(b, key, mine, found.value(), null);
            }
        }
        // A lease of our own, or none: the wait ended (time, interrupt) and the method runs uncached; or Redis failed.
        return new Ticket(b, key, mine, found.lease(), !found.held());
    }

    /** The value Redis holds for a key whose refresh is under way, or {@link #MISS} when it holds none. */
    private @Nullable Object readDuringRefresh(Binding b, Object key) {
        RemoteCache remote = Objects.requireNonNull(b.remote);
        String remoteKey = remote.key(key);
        RemoteValue due = remoteKey == null ? null : remote.read(remoteKey, b.type);
        return due == null ? MISS : wrap(due.value());
    }

    /** A value found in Redis by the load {@code mine}: kept in L1 when tiered, and refreshed ahead when due. */
    private @Nullable Object remoteHit(
            Binding b, Object key, InFlight mine, RemoteValue found, @Nullable Loader loader) {
        Object value = wrap(found.value());
        LocalCache cache = b.cache;
        long ageNanos =
                TimeUnit.MILLISECONDS.toNanos(Math.max(0, System.currentTimeMillis() - found.writtenAtMillis()));
        Entry entry = cache.entryFor(mine, value, b.l1Ttl(), found.loadNanos(), CoarseTicker.now() - ageNanos);
        if (b.l1()) {
            cache.finish(key, mine, entry);
        } else {
            cache.abandon(key, mine);
        }
        mine.complete(value);
        if (loader != null && b.refreshAfter != NO_REFRESH && refreshDue(b, entry)) {
            scheduleRefresh(b, key, entry, loader, found.writtenAtMillis());
        }
        return value;
    }

    /** A value as the method returns it, from the inner value held in Redis. */
    private @Nullable Object wrap(@Nullable Object inner) {
        if (result == ResultKind.OPTIONAL) {
            return Optional.ofNullable(inner);
        }
        if (result == ResultKind.FUTURE) {
            return CompletableFuture.completedFuture(inner);
        }
        return inner;
    }

    /**
     * Ends a load that may store: in Redis under its lease (when it has one), then in L1 if the load is still current
     * there. A value Redis refused under the lease (a write or delete came after the load began) goes nowhere.
     *
     * @param lease null for a local cache, or when Redis could not be asked: L1 only
     * @return whether Redis refused the value
     */
    private boolean store(
            Binding b, Object key, InFlight load, @Nullable Object value, long loadNanos, @Nullable Lease lease) {
        LocalCache cache = b.cache;
        RemoteCache remote = b.remote;
        if (isNullish(value) && !cacheNull) {
            cache.finish(key, load, null);
            if (lease != null) {
                remote.release(lease);
            }
            return false;
        }
        Entry entry = cache.entryFor(load, value, b.l1Ttl(), loadNanos);
        boolean l1 = b.l1();
        if (result == ResultKind.FUTURE && value != null) {
            // Kept locally until it completes, so that concurrent callers share it; in Redis once it has a value.
            cache.finish(key, load, entry);
            ((CompletionStage<?>) value)
                    .whenComplete((done, failure) -> storeCompleted(b, key, entry, done, failure, loadNanos, lease));
            return false;
        }
        if (lease == null) {
            cache.finish(key, load, l1 ? entry : null);
            return false;
        }
        // Only past this point: a local cache must not load a class of the Redis tier.
        RemoteCache.Stored stored = remote.store(lease, inner(value), b.ttl, loadNanos);
        if (stored == RemoteCache.Stored.REFUSED) {
            cache.finish(key, load, null);
            return true;
        }
        if (stored == RemoteCache.Stored.FAILED) {
            remote.release(lease);
        }
        boolean current = cache.finish(key, load, l1 ? entry : null);
        if (stored == RemoteCache.Stored.STORED && !current) {
            remote.withdraw(lease);
        }
        return false;
    }

    /** The second half of storing a future: its value, once it has one, under the lease its load took. */
    private void storeCompleted(
            Binding b,
            Object key,
            Entry entry,
            @Nullable Object done,
            @Nullable Throwable failure,
            long loadNanos,
            @Nullable Lease lease) {
        boolean keep = failure == null && !(isNullish(done) && !cacheNull);
        boolean refused = false;
        if (lease != null) {
            RemoteCache.Stored stored = keep ? b.remote.store(lease, done, b.ttl, loadNanos) : null;
            refused = stored == RemoteCache.Stored.REFUSED;
            if (stored != RemoteCache.Stored.STORED && !refused) {
                b.remote.release(lease);
            }
        }
        if (!keep || !b.l1() || refused) {
            b.cache.remove(key, entry);
        }
    }

    /** What Redis holds for a value: the content of an {@code Optional}; the value itself otherwise. */
    private @Nullable Object inner(@Nullable Object value) {
        return result == ResultKind.OPTIONAL && value != null ? ((Optional<?>) value).orElse(null) : value;
    }

    private boolean isNullish(@Nullable Object value) {
        return value == null || (result == ResultKind.OPTIONAL && ((Optional<?>) value).isEmpty());
    }

    private boolean refreshDue(Binding b, Entry entry) {
        long age = CoarseTicker.now() - entry.writtenAt();
        long left = b.refreshAfter - age;
        if (left <= 0) {
            return true;
        }
        if (beta == 0 || left > entry.loadNanos() * beta * XFETCH_HEADROOM) {
            return false;
        }
        double draw = -Math.log(ThreadLocalRandom.current().nextDouble());
        return entry.loadNanos() * beta * draw >= left;
    }

    /**
     * @param dueWrittenAtMillis when the due value was written to Redis, for a value read from Redis without an L1;
     *     {@link #NOT_REMOTE} otherwise
     */
    private void scheduleRefresh(Binding b, Object key, Entry due, Loader loader, long dueWrittenAtMillis) {
        LocalCache cache = b.cache;
        InFlight refresh = cache.newRefresh();
        if (cache.register(key, refresh) != null) {
            return; // a load or refresh of this key is already running
        }
        String remoteKey = b.remote == null ? null : b.remote.key(key);
        // A refresh may have finished since this caller read the due entry: it stores before it unregisters.
        if ((b.l1() && cache.get(key) != due) || refreshedInRedis(b, remoteKey, dueWrittenAtMillis)) {
            cache.abandon(key, refresh);
            refresh.complete(due.value());
            return;
        }
        Runnable task = () -> refresh(b, key, refresh, loader, remoteKey);
        if (!b.state.submitRefresh(task)) {
            // The refresh workers are saturated: skip this refresh; a later read schedules another.
            cache.abandon(key, refresh);
            refresh.complete(due.value());
        }
    }

    /** Without an L1, whether Redis holds a newer value than the due one read from it (another refresh stored it). */
    private boolean refreshedInRedis(Binding b, @Nullable String remoteKey, long dueWrittenAtMillis) {
        if (b.l1() || remoteKey == null || dueWrittenAtMillis == NOT_REMOTE) {
            return false;
        }
        RemoteValue now = b.remote.read(remoteKey, b.type);
        return now != null && now.writtenAtMillis() != dueWrittenAtMillis;
    }

    private void refresh(Binding b, Object key, InFlight refresh, Loader loader, @Nullable String remoteKey) {
        refresh.runOnCurrentThread();
        Lease lease = null;
        if (remoteKey != null) {
            // Taken before the loader runs, so a write or invalidation during the refresh refuses its store.
            Lookup leased = b.remote.leaseToRefresh(remoteKey);
            if (leased.held()) {
                b.cache.abandon(key, refresh); // another JVM is loading the key
                refresh.complete(new Superseded(null));
                return;
            }
            lease = leased.lease();
        }
        long start = System.nanoTime();
        Object value;
        try {
            value = loader.load();
        } catch (Throwable failure) {
            // The current value stays until it expires; a caller that waited on this refresh gets its exception.
            b.counters.refreshFailed();
            b.cache.abandon(key, refresh);
            if (lease != null) {
                b.remote.release(lease);
            }
            refresh.fail(failure);
            b.state.logRefreshFailure(site, key, failure);
            return;
        }
        b.counters.refreshed();
        boolean refused = false;
        if (result == ResultKind.FUTURE && value != null) {
            storeWhenComplete(b, key, refresh, (CompletionStage<?>) value, start, lease);
        } else {
            refused = store(b, key, refresh, value, System.nanoTime() - start, lease);
        }
        refresh.complete(refused ? new Superseded(value) : value);
    }

    /** A refreshed future replaces the current one only once it has a value, so readers never wait on a refresh. */
    private void storeWhenComplete(
            Binding b, Object key, InFlight refresh, CompletionStage<?> future, long start, @Nullable Lease lease) {
        future.whenComplete((done, failure) -> {
            if (failure != null) {
                b.counters.refreshFailed();
                b.cache.abandon(key, refresh);
                if (lease != null) {
                    b.remote.release(lease);
                }
            } else {
                store(b, key, refresh, future, System.nanoTime() - start, lease);
            }
        });
    }

    /**
     * What a load that Redis refused hands to the callers waiting on it: they may have started after the write that
     * refused it, so they must not return its value, and run the method themselves.
     */
    private record Superseded(@Nullable Object value) {}

    /** A load owned by the caller of {@link #begin}; opaque to it. */
    public static final class Ticket {
        /** Runs the body and stores nothing: a recursive call, or a caller whose load was superseded. */
        static final Ticket BYPASS = new Ticket(null, null, null, null, false);

        final Binding binding;
        final Object key;
        final InFlight load;
        final long start;
        /** The Redis lease to store under; null for a local cache, or when Redis cannot store it. */
        final @Nullable Lease lease;
        /** False when the value goes to waiting callers only: another JVM holds the key's lease. */
        final boolean stores;

        // BYPASS alone has no binding, key or load: complete and fail return before reading them
        private Ticket(Binding binding, Object key, InFlight load, @Nullable Lease lease, boolean stores) {
            this.binding = binding;
            this.key = key;
            this.load = load;
            this.start = System.nanoTime();
            this.lease = lease;
            this.stores = stores;
        }
    }

    private static final class Binding {
        final RuntimeState state;
        final LocalCache cache;
        final CacheCounters counters;
        final long ttl;
        final long refreshAfter;
        /** How long a caller waits on another caller's load of the same key before running the method itself. */
        final long waitNanos;
        /** The Redis tier, or null for a local cache. */
        final @Nullable RemoteCache remote;

        final @Nullable ValueType type;
        /** The configuration's error when bound to the stand-in state of a broken configuration, else null. */
        final @Nullable RuntimeException failure;

        Binding(
                RuntimeState state,
                LocalCache cache,
                long ttl,
                long refreshAfter,
                @Nullable RemoteCache remote,
                @Nullable ValueType type,
                @Nullable RuntimeException failure) {
            this.failure = failure;
            this.state = state;
            this.cache = cache;
            this.counters = cache.counters();
            this.ttl = ttl;
            this.refreshAfter = refreshAfter;
            this.waitNanos = state.config().waitTimeout().toNanos();
            this.remote = remote;
            this.type = type;
        }

        /**
         * Whether values are kept in the local cache: a local cache, or a tiered one (see {@link #l1Ttl}). Read on
         * misses only, never on the hit path.
         */
        boolean l1() {
            return remote == null || remote.keepsLocalCopies();
        }

        /** The lifetime of an L1 entry stored now: capped by the staleness bound while invalidations may be lost. */
        long l1Ttl() {
            return remote == null ? ttl : remote.localTtl(ttl);
        }
    }
}
