package dev.larder.internal.handle;

import dev.larder.ValueType;
import dev.larder.internal.cache.Entry;
import dev.larder.internal.cache.InFlight;
import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.clock.CoarseTicker;
import dev.larder.internal.metrics.CacheCounters;
import dev.larder.internal.model.CachedSpec;
import dev.larder.internal.model.ResultKind;
import dev.larder.internal.redis.RemoteCache;
import dev.larder.internal.redis.RemoteValue;
import dev.larder.internal.state.RuntimeState;
import java.lang.System.Logger.Level;
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
 * finds nothing (the local cache then only holds loads in flight) and {@link #load} asks Redis. A value found there is
 * a hit. A load stores its value in Redis before it finishes locally; when the local finish shows an invalidation
 * superseded the load, the load deletes what it stored, so no later read in this JVM sees the old value (see {@link
 * LocalCache#finish}). With {@code larder.stampede=distributed} the local loader first takes a Redis lease, and a JVM
 * that finds the lease held polls Redis for the holder's value instead of loading.
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
            type = DeclaredTypes.of(spec, loader);
            if (type == null) {
                System.getLogger("dev.larder.redis")
                        .log(
                                Level.WARNING,
                                site + ": cache '" + cache + "' is configured for Redis, but the method's return type"
                                        + " cannot be known (not found from the site, or generic in a type variable);"
                                        + " it is cached locally only");
                remote = null;
            }
        }
        return new Binding(state, state.cache(cache), ttl, refreshAfter, remote, type);
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
        store(b, t.key, t.load, value, took, t.remoteKey);
        if (t.lease != null) {
            b.remote.releaseLease(t.remoteKey, t.lease);
        }
        t.load.complete(value);
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
            b.remote.releaseLease(t.remoteKey, t.lease);
        }
        t.load.fail(failure);
    }

    private @Nullable Object acquire(Binding b, Object key, @Nullable Loader refresher, boolean bypassOwnLoad) {
        LocalCache cache = b.cache;
        Entry entry = cache.get(key);
        if (entry != null) {
            // a hit: the lookup counted by get() stands
            if (refresher != null && b.refreshAfter != NO_REFRESH && refreshDue(b, entry)) {
                scheduleRefresh(b, key, entry, refresher, NOT_REMOTE);
            }
            return entry.value();
        }
        RemoteCache remote = b.remote;
        String remoteKey = null;
        if (remote != null) {
            InFlight pending = cache.newLoad(); // before the read: an invalidate-all during it keeps it out of L1
            remoteKey = remote.key(key);
            RemoteValue found = remoteKey == null ? null : remote.read(remoteKey, b.type);
            if (found != null) {
                return remoteHit(b, key, remoteKey, pending, found, refresher);
            }
        }
        b.counters.miss();
        InFlight mine = cache.newLoad();
        InFlight running = cache.register(key, mine);
        if (running != null) {
            if (bypassOwnLoad && running.isRunningOnCurrentThread()) {
                return Ticket.BYPASS;
            }
            b.counters.waited();
            Object value = running.await(cache.name(), key, b.waitNanos);
            // Waited too long, interrupted, or a cycle of loads: run the method uncached, as without a cache.
            return value == InFlight.GAVE_UP ? Ticket.BYPASS : value;
        }
        // A load may have finished between the lookup above and the registration: it stores before it unregisters.
        entry = cache.get(key);
        if (entry != null) {
            mine.complete(entry.value());
            cache.abandon(key, mine);
            return entry.value();
        }
        if (remoteKey != null && !b.l1()) {
            // Without an L1 the finished load is only in Redis: look once more before loading again.
            RemoteValue found = remote.read(remoteKey, b.type);
            if (found != null) {
                Object value = wrap(found.value());
                mine.complete(value);
                cache.abandon(key, mine);
                return value;
            }
        }
        return startLoad(b, key, mine, remoteKey);
    }

    /** A value found in Redis: kept in L1 when tiered, and refreshed ahead when due. */
    private @Nullable Object remoteHit(
            Binding b, Object key, String remoteKey, InFlight pending, RemoteValue found, @Nullable Loader loader) {
        Object value = wrap(found.value());
        LocalCache cache = b.cache;
        long ageNanos =
                TimeUnit.MILLISECONDS.toNanos(Math.max(0, System.currentTimeMillis() - found.writtenAtMillis()));
        Entry entry = cache.entryFor(pending, value, b.l1Ttl(), found.loadNanos(), CoarseTicker.now() - ageNanos);
        if (b.l1() && cache.register(key, pending) == null) {
            b.remote.remember(remoteKey, key);
            cache.finish(key, pending, entry);
            pending.complete(value);
        }
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
     * Takes the distributed lease when configured; returns the value when another JVM's load provided it, else the
     * ticket under which this caller loads.
     */
    private Object startLoad(Binding b, Object key, InFlight load, @Nullable String remoteKey) {
        String lease = null;
        if (remoteKey != null && b.remote.distributedStampede()) {
            lease = b.remote.tryLease(remoteKey);
            RemoteValue found = null;
            if (RemoteCache.HELD.equals(lease)) {
                b.counters.waited();
                found = b.remote.awaitValue(remoteKey, b.type);
                lease = null;
            } else if (lease != null) {
                found = b.remote.read(remoteKey, b.type); // the last holder may have stored just before we took it
            }
            if (found != null) {
                if (lease != null) {
                    b.remote.releaseLease(remoteKey, lease);
                }
                Object value = wrap(found.value());
                if (b.l1()) {
                    b.remote.remember(remoteKey, key);
                    b.cache.finish(key, load, b.cache.entryFor(load, value, b.l1Ttl(), found.loadNanos()));
                } else {
                    b.cache.abandon(key, load);
                }
                load.complete(value);
                return value;
            }
        }
        return new Ticket(b, key, load, System.nanoTime(), remoteKey, lease);
    }

    private void store(
            Binding b, Object key, InFlight load, @Nullable Object value, long loadNanos, @Nullable String remoteKey) {
        LocalCache cache = b.cache;
        if (isNullish(value) && !cacheNull) {
            cache.finish(key, load, null);
            return;
        }
        RemoteCache remote = remoteKey == null ? null : b.remote;
        boolean written = remote != null
                && result != ResultKind.FUTURE
                && remote.write(remoteKey, inner(value), b.ttl, loadNanos);
        Entry entry = cache.entryFor(load, value, b.l1Ttl(), loadNanos);
        boolean l1 = b.l1();
        if (remote != null && l1) {
            remote.remember(remoteKey, key);
        }
        // Without an L1 a future is still kept locally until it completes, so that concurrent callers share it.
        boolean keepLocally = l1 || result == ResultKind.FUTURE;
        boolean current = cache.finish(key, load, keepLocally ? entry : null);
        if (written && !current) {
            remote.delete(remoteKey);
        }
        if (result == ResultKind.FUTURE && value != null) {
            ((CompletionStage<?>) value).whenComplete((done, failure) -> {
                boolean nullish = isNullish(done) && !cacheNull;
                if (failure != null || nullish || !l1) {
                    cache.remove(key, entry);
                }
                if (failure == null && !nullish && remote != null) {
                    remote.write(remoteKey, done, b.ttl, loadNanos);
                }
            });
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
        long start = System.nanoTime();
        Object value;
        try {
            value = loader.load();
        } catch (Throwable failure) {
            // The current value stays until it expires; a caller that waited on this refresh gets its exception.
            b.counters.refreshFailed();
            b.cache.abandon(key, refresh);
            refresh.fail(failure);
            b.state.logRefreshFailure(site, key, failure);
            return;
        }
        b.counters.refreshed();
        if (result == ResultKind.FUTURE && value != null) {
            storeWhenComplete(b, key, refresh, (CompletionStage<?>) value, start, remoteKey);
        } else {
            store(b, key, refresh, value, System.nanoTime() - start, remoteKey);
        }
        refresh.complete(value);
    }

    /** A refreshed future replaces the current one only once it has a value, so readers never wait on a refresh. */
    private void storeWhenComplete(
            Binding b,
            Object key,
            InFlight refresh,
            CompletionStage<?> future,
            long start,
            @Nullable String remoteKey) {
        future.whenComplete((done, failure) -> {
            if (failure != null) {
                b.counters.refreshFailed();
                b.cache.abandon(key, refresh);
            } else {
                store(b, key, refresh, future, System.nanoTime() - start, remoteKey);
            }
        });
    }

    /** A load owned by the caller of {@link #begin}; opaque to it. */
    public static final class Ticket {
        static final Ticket BYPASS = new Ticket(null, null, null, 0, null, null);

        final Binding binding;
        final Object key;
        final InFlight load;
        final long start;
        final @Nullable String remoteKey;
        final @Nullable String lease;

        // BYPASS alone has no binding, key or load: complete and fail return before reading them
        private Ticket(
                Binding binding,
                Object key,
                InFlight load,
                long start,
                @Nullable String remoteKey,
                @Nullable String lease) {
            this.binding = binding;
            this.key = key;
            this.load = load;
            this.start = start;
            this.remoteKey = remoteKey;
            this.lease = lease;
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

        Binding(
                RuntimeState state,
                LocalCache cache,
                long ttl,
                long refreshAfter,
                @Nullable RemoteCache remote,
                @Nullable ValueType type) {
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
