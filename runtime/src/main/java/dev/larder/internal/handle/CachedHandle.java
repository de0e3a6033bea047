package dev.larder.internal.handle;

import dev.larder.Codec;
import dev.larder.ConfigurationException;
import dev.larder.LarderConfig;
import dev.larder.ValueType;
import dev.larder.internal.cache.Entry;
import dev.larder.internal.cache.Lifetime;
import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.clock.CoarseTicker;
import dev.larder.internal.config.ConfigKeys;
import dev.larder.internal.log.Logs;
import dev.larder.internal.metrics.CacheCounters;
import dev.larder.internal.state.LarderRuntime;
import dev.larder.internal.state.RuntimeState;
import dev.larder.internal.tag.TagClock;
import dev.larder.internal.tag.TagSource;
import dev.larder.internal.tag.TagStamp;
import dev.larder.internal.tier.CachedMethod;
import dev.larder.internal.tier.Hit;
import dev.larder.internal.tier.Load;
import dev.larder.internal.tier.Loads;
import dev.larder.internal.tier.Tier;
import dev.larder.internal.warm.WarmMethod;
import dev.larder.model.CachedSpec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The runtime's side of a {@code @Cached} method. The code the annotation processor generates does, per call:
 *
 * <pre>{@code
 * public Book find(int id) {
 *     Object key = FIND.key(id);
 *     Object value = FIND.get(key);
 *     if (value == CachedHandle.MISS) {
 *         value = find$larder$miss(key, id);
 *     }
 *     return (Book) value;
 * }
 *
 * private Object find$larder$miss(Object key, int id) {   // out of line: a caller's JIT inlines only the hit
 *     return FIND.load(key, () -> super.find(id));
 * }
 * }</pre>
 *
 * {@link #get} is the hit path and takes no loader, so a hit allocates nothing but the key. {@link #load} handles
 * everything else: single-flight loading, waiting on another caller's load, and scheduling a refresh-ahead.
 *
 * <p>With a Redis backend {@link #get} is unchanged: for {@code tiered} it finds the L1 entries, for {@code redis} it
 * finds nothing (the local cache then only holds loads in flight). Everything after a miss is the protocol of the
 * cache's {@link Tier}: this class decides only when a value is due for a refresh-ahead and runs the method.
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
    /** Beyond this many load times of headroom, XFetch's chance of refreshing is below e^-40: skip the logarithm. */
    private static final double XFETCH_HEADROOM = 40;

    private final CachedSpec spec;
    private final double beta;
    private final ClassLoader loader;
    /** Whether the method tags its entries: its hits check the tags, and its loads stamp them. */
    private final boolean tagged;

    private volatile Binding binding;

    private static final VarHandle BINDING;

    static {
        try {
            BINDING = MethodHandles.lookup().findVarHandle(CachedHandle.class, "binding", Binding.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    CachedHandle(CachedSpec spec, ClassLoader loader, RuntimeState state) {
        super(spec.site(), spec.cache(), spec.key());
        this.spec = spec;
        this.loader = loader;
        this.beta = spec.refreshBeta();
        this.tagged = !spec.tags().isEmpty();
        if (tagged) {
            TaggedCaches.mark(cache); // before the other handles of the cache are listed, and before this binding
        }
        this.binding = newBinding(state);
        TaggedCaches.add(this);
    }

    @Override
    public void bind(RuntimeState state) {
        binding = newBinding(state);
        checkTags(); // a tagged method of the cache may have marked it while this binding was made
    }

    /**
     * Makes this handle's hits check tags from now on ({@link TaggedCaches}): its binding is replaced by one that is
     * not a plain hit. Idempotent; safe against a concurrent {@link #bind}, which re-checks after it publishes.
     */
    void checkTags() {
        if (!TaggedCaches.marked(cache)) {
            return;
        }
        for (Binding b = binding; !b.tagged; b = binding) {
            if (BINDING.compareAndSet(this, b, b.checkingTags())) {
                return;
            }
        }
    }

    private Binding newBinding(RuntimeState state) {
        Lifetime lifetime = state.lifetime(cache, spec.ttl(), spec.ttlJitter());
        long ttl = lifetime.ttlNanos();
        // With TTL jitter, of the shortest lifetime an entry may have, so that the refresh comes before any expiry
        long refreshAfter = spec.refreshAt() == 0 || ttl == Entry.NO_EXPIRY
                ? NO_REFRESH
                : (long) (lifetime.shortest() * spec.refreshAt());
        Tier tier = state.tier(cache);
        if (refreshAfter != NO_REFRESH) {
            tier.local().keepWriteTimes(); // before this handle's first read: refresh-ahead needs the entries' ages
        }
        ValueType type = null;
        if (state.usesRedis(cache)) {
            // Object, raw and open application types come back from Redis as something else: refused, loudly
            type = DeclaredTypes.forRemote(spec, loader, cache);
            if (type == null) {
                tier = state.localTier(cache);
            }
        }
        ValueCopier copier = null;
        RuntimeException failure = LarderRuntime.failureOf(state);
        Codec copyCodec = state.copyCodec(cache);
        if (copyCodec != null) {
            ValueType copied = DeclaredTypes.of(spec, loader);
            String why = copied == null
                    ? "its return type cannot be known (not found from the site, or generic in a type variable)"
                    : DeclaredTypes.refusal(copied);
            if (why == null) {
                copier = new ValueCopier(copyCodec, copied, spec.result(), site);
            } else if (failure == null) {
                failure = new ConfigurationException(
                        ConfigKeys.cacheKey(cache, ConfigKeys.CACHE_COPY),
                        "true",
                        "only false: the values of " + site + " cannot be copied through the codec: " + why);
            }
        }
        CachedMethod method = new CachedMethod(
                site,
                spec.result(),
                spec.cacheNull(),
                ttl,
                state.config().waitTimeout().toNanos(),
                type,
                lifetime.jitterNanos());
        int warm = state.config().cacheWarm(cache);
        boolean keepsLocal = type == null || state.backend(cache) != LarderConfig.Backend.REDIS;
        if (warm > 0 && keepsLocal) {
            tier.local().rankByUse(warm); // before the binding below reads it: its lookups then count their keys
        }
        Binding bound =
                new Binding(state, tier, method, refreshAfter, copier, failure, tagged || TaggedCaches.marked(cache));
        if (warm > 0) {
            bound.warm = state.warm()
                    .bind(
                            cache,
                            site,
                            DeclaredTypes.method(site, loader),
                            spec.keyArguments(),
                            bound.cache,
                            keepsLocal);
        }
        return bound;
    }

    /**
     * The cached value for the key, or {@link #MISS}. Hot path: one cache lookup, no locks, no allocation. The lookup
     * is counted here, before it is made so that counting overlaps with it; {@link #load} or {@link #begin}, which
     * must follow a {@link #MISS}, count a miss if the key turns out not to be cached (see {@link CacheCounters}).
     * A hit shows itself to the size advisor through a field of the entry; a {@link #MISS} does so in {@link #load}
     * or {@link #begin}, off this path.
     *
     * <p>A cache with {@code copy=true} returns a copy of the cached value, decoded anew for each call.
     */
    public @Nullable Object get(Object key) {
        Binding b = binding;
        b.counters.lookup();
        Entry entry = b.cache.get(key);
        if (entry == null) {
            return MISS;
        }
        // One test for refresh-ahead, copying, tags and warm restarts, so that a plain cache's hit costs what it did
        // before any.
        if (b.plainHit) {
            b.cache.sampleHit(entry);
            return entry.value();
        }
        return checkedHit(b, key, entry);
    }

    /**
     * A hit on a cache that refreshes ahead, copies its values, tags them or counts their use for warm restarts: {@link #MISS} when a refresh is due or a
     * tag of the value was invalidated (the stale entry is removed first), else the value.
     */
    private @Nullable Object checkedHit(Binding b, Object key, Entry entry) {
        if (b.tagged && entry.staleByTag()) {
            b.cache.remove(key, entry);
            return MISS;
        }
        if (b.refreshAfter != NO_REFRESH && refreshDue(b, entry)) {
            return MISS; // sampled by the acquire that follows
        }
        if (b.countsUses) {
            b.cache.used(key); // a MISS above is counted by the acquire that follows, as a miss is
        }
        b.cache.sampleHit(entry);
        ValueCopier copier = b.copier;
        return copier == null ? entry.value() : copier.copy(entry.value());
    }

    /**
     * As {@link #load(Object, Loader)}, for a call of the method on {@code target}: with warm restarts on for the
     * cache, the first such object is the one a warm restart calls the method on.
     */
    public @Nullable Object load(Object target, Object key, Loader loader) {
        return load(target, key, loader, null);
    }

    /**
     * As {@link #load(Object, Loader, TagSource)}, for a call of the method on {@code target}: with warm restarts on
     * for the cache, the first such object is the one a warm restart calls the method on.
     */
    public @Nullable Object load(Object target, Object key, Loader loader, @Nullable TagSource tags) {
        WarmMethod warm = binding.warm;
        if (warm != null) {
            warm.seen(target);
        }
        return load(key, loader, tags);
    }

    /**
     * The value for the key after {@link #get} returned {@link #MISS}: the cached value if another caller stored it
     * meanwhile (scheduling a refresh when one is due), else the value of the one load of this key in flight, which
     * this caller runs itself when there is none. The loader's exception is rethrown unchanged, and nothing is stored.
     */
    public @Nullable Object load(Object key, Loader loader) {
        return load(key, loader, (TagSource) null);
    }

    /**
     * As {@link #load(Object, Loader)} for a method with {@code tags}: {@code tags} renders the tags of the value
     * loaded, which is stored only if none of them was invalidated since the load began.
     */
    public @Nullable Object load(Object key, Loader loader, @Nullable TagSource tags) {
        Object acquired = acquire(binding, key, loader, false);
        if (!(acquired instanceof Ticket ticket)) {
            return acquired;
        }
        Object value;
        try {
            value = loader.load();
        } catch (Throwable failure) {
            ticket.load.fail(failure);
            throw Exceptions.sneakyThrow(failure);
        }
        if (value instanceof Uncached uncached) {
            ticket.handOff(uncached.value);
            return uncached.value;
        }
        ticket.complete(value, tags == null ? null : tags.tags(value));
        return value;
    }

    /**
     * What a {@link Loader} returns for a result that must not be stored ({@code @Cached(unless)} held): {@link #load}
     * returns {@code value} to its caller and hands it to the callers waiting for the load, but stores nothing.
     */
    public static Object uncached(@Nullable Object value) {
        return new Uncached(value);
    }

    private record Uncached(@Nullable Object value) {}

    /**
     * The first half of {@link #load} for woven code, whose loader is the method body itself and so cannot be passed
     * in: called after {@link #get} returned {@link #MISS}. Returns either the value to return without running the
     * body (another caller stored it meanwhile, or this caller waited for another caller's load of the key and got its
     * value; that load's exception is rethrown unchanged), or a {@link Ticket}: then this caller owns the one load of
     * the key, must run the body, and must pass the ticket to {@link #complete} with the result or to {@link #fail}
     * with the exception, exactly once (a second call throws {@link IllegalStateException}).
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

    /**
     * As {@link #begin(Object, Loader)}, for a call of the method on {@code target} (null for a static method): with
     * warm restarts on for the cache, the first such object is the one a warm restart calls the method on.
     */
    public @Nullable Object begin(@Nullable Object target, Object key, @Nullable Loader refresher) {
        Binding b = binding;
        WarmMethod warm = b.warm;
        if (warm != null && target != null) {
            warm.seen(target);
        }
        return acquire(b, key, refresher, true);
    }

    /** Ends the load of a {@link #begin} ticket with the body's result: stores it and hands it to waiting callers. */
    public void complete(Object ticket, @Nullable Object value) {
        ((Ticket) ticket).complete(value);
    }

    /**
     * Ends the loads of many {@link #begin} tickets with their values, as {@link #complete} each, storing the values
     * Redis is to hold in one round trip.
     */
    void completeAll(List<Object> tickets, List<@Nullable Object> values) {
        if (binding.copier != null) {
            for (int i = 0; i < tickets.size(); i++) {
                complete(tickets.get(i), values.get(i));
            }
            return;
        }
        List<Load> loads = new ArrayList<>(tickets.size());
        for (Object ticket : tickets) {
            loads.add(((Ticket) ticket).load);
        }
        Loads.completeAll(loads, values);
    }

    /** As {@link #complete(Object, Object)} for a method with {@code tags}: the value's rendered tags. */
    public void complete(Object ticket, @Nullable Object value, String[] tags) {
        ((Ticket) ticket).complete(value, tags);
    }

    /**
     * Ends the load of a {@link #begin} ticket with a result that must not be stored ({@code @Cached(unless)} held):
     * hands it to waiting callers, stores nothing.
     */
    public void handOff(Object ticket, @Nullable Object value) {
        ((Ticket) ticket).handOff(value);
    }

    /** Ends the load of a {@link #begin} ticket with the body's exception: stores nothing; waiting callers get it. */
    public void fail(Object ticket, Throwable failure) {
        ((Ticket) ticket).load.fail(failure);
    }

    private @Nullable Object acquire(Binding b, Object key, @Nullable Loader refresher, boolean bypassOwnLoad) {
        b.cache.sample(key); // the lookup that returned MISS, sampled here rather than on the hit path
        if (b.failure != null) {
            throw b.failure; // created under a broken configuration: every call reports it
        }
        Object found = b.tier.begin(key, b.method, bypassOwnLoad);
        for (int attempt = 0; b.tagged && found instanceof Entry stale && stale.staleByTag(); attempt++) {
            b.cache.remove(key, stale);
            // a tag keeps being invalidated as loads store: run the method without caching rather than loop
            found = attempt < 2 ? b.tier.begin(key, b.method, bypassOwnLoad) : Load.bypass();
        }
        return found(b, key, found, refresher);
    }

    /**
     * For a bulk lookup ({@link BulkHandle}): {@link #begin} of each key without a refresher, in order, but {@link
     * Tier#LOADING_ELSEWHERE} instead of waiting for another caller's load of a key; Redis is asked about all of them
     * in one round trip.
     */
    List<@Nullable Object> tryBeginAll(List<Object> keys) {
        Binding b = binding;
        for (Object key : keys) {
            b.cache.sample(key); // each lookup that returned MISS, as acquire samples it
        }
        if (b.failure != null) {
            throw b.failure;
        }
        List<@Nullable Object> found = b.tier.tryBeginAll(keys, b.method);
        for (int i = 0; i < found.size(); i++) {
            Object each = found.get(i);
            if (b.tagged && each instanceof Entry stale && stale.staleByTag()) {
                b.cache.remove(keys.get(i), stale);
                found.set(i, Tier.LOADING_ELSEWHERE); // looked up again with begin, which loads it afresh
            } else if (each != Tier.LOADING_ELSEWHERE) {
                found.set(i, found(b, keys.get(i), each, null));
            }
        }
        return found;
    }

    /** What a caller gets for what the tier's {@code begin} found: the value, or a {@link Ticket}. */
    private @Nullable Object found(Binding b, Object key, @Nullable Object found, @Nullable Loader refresher) {
        if (found instanceof Load load) {
            if (tagged) {
                load.beginTagged(); // a Redis tier reads its tag clock now, before the method runs
            }
            return new Ticket(load, b.copier, b.counters, b.tagged ? TagClock.now() : 0);
        }
        ValueCopier copier = b.copier;
        if (found instanceof Entry entry) {
            if (refresher != null && b.refreshAfter != NO_REFRESH && refreshDue(b, entry)) {
                scheduleRefresh(b, key, entry, refresher, Hit.NOT_REMOTE);
            }
            return copier == null ? entry.value() : copier.copy(entry.value());
        }
        if (found instanceof Hit hit) {
            Entry entry = hit.entry();
            if (refresher != null && b.refreshAfter != NO_REFRESH && refreshDue(b, entry)) {
                scheduleRefresh(b, key, entry, refresher, hit.writtenAtMillis());
            }
            // Without an L1 a value read from Redis was decoded for this caller alone: it is a copy already
            return copier == null || b.freshHits ? entry.value() : copier.copy(entry.value());
        }
        // Another caller's load's value, or a write not yet written behind: that caller holds it too
        return copier == null ? found : copier.copy(found);
    }

    private boolean refreshDue(Binding b, Entry entry) {
        long writtenAt = entry.writtenAt();
        if (writtenAt == Entry.UNKNOWN) {
            return false; // stored before this method was bound: it expires and reloads as usual
        }
        long age = CoarseTicker.now() - writtenAt;
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
     * @param dueWrittenAtMillis when the due value was written to Redis, for a value read from Redis; {@link
     *     Hit#NOT_REMOTE} otherwise
     */
    private void scheduleRefresh(Binding b, Object key, Entry due, Loader loader, long dueWrittenAtMillis) {
        Load refresh = b.tier.beginRefresh(key, b.method, due, dueWrittenAtMillis);
        if (refresh != null && !b.state.submitRefresh(new Refresh(key, refresh, loader, b.state))) {
            // The refresh workers are saturated: skip this refresh; a later read schedules another.
            refresh.abandon();
        }
    }

    /** A refresh-ahead on a refresh worker. */
    private final class Refresh implements Runnable {
        private final Object key;
        private final Load refresh;
        private final Loader loader;
        private final RuntimeState state;

        Refresh(Object key, Load refresh, Loader loader, RuntimeState state) {
            this.key = key;
            this.refresh = refresh;
            this.loader = loader;
            this.state = state;
        }

        @Override
        public void run() {
            if (!refresh.start()) {
                return;
            }
            Object value;
            try {
                value = loader.load();
            } catch (Throwable failure) {
                refresh.fail(failure);
                state.logRefreshFailure(site, key, failure);
                return;
            }
            if (value instanceof Uncached) {
                refresh.abandon(); // the value being refreshed stays
                return;
            }
            refresh.complete(value);
        }
    }

    /** A load owned by the caller of {@link #begin}; opaque to it. Ends exactly once (see {@link Load}). */
    public static final class Ticket {
        final Load load;
        private final @Nullable ValueCopier copier;
        private final CacheCounters counters;
        /** The tag clock read before the method ran, for a tagged method; see {@link TagClock}. */
        private final long tagsSince;

        private Ticket(Load load, @Nullable ValueCopier copier, CacheCounters counters, long tagsSince) {
            this.load = load;
            this.copier = copier;
            this.counters = counters;
            this.tagsSince = tagsSince;
        }

        /**
         * Ends the load of a tagged method with its result and the result's tags: stored stamped with them, unless one
         * was invalidated since the load began; then the load is abandoned, and callers waiting on it run the method.
         */
        void complete(@Nullable Object value, String @Nullable [] tags) {
            if (tags != null) {
                TagStamp stamp = TagClock.stamp(tagsSince, tags);
                if (stamp.stale()) {
                    load.abandon();
                    return;
                }
                load.tag(stamp);
            }
            complete(value);
        }

        /**
         * Ends the load with the method's result. A copying cache stores a copy, so that the loading caller's object
         * is never the one other callers' copies are made from; a value the codec cannot copy is not cached (counted
         * as a backend error, and the callers waiting for it run the method themselves).
         */
        void complete(@Nullable Object value) {
            end(value, true);
        }

        /** Ends the load with a result waiting callers get but that is not stored. */
        void handOff(@Nullable Object value) {
            end(value, false);
        }

        private void end(@Nullable Object value, boolean store) {
            if (copier == null) {
                if (store) {
                    load.complete(value);
                } else {
                    load.handOff(value);
                }
                return;
            }
            Object master;
            try {
                master = copier.copy(value);
            } catch (IllegalStateException uncopyable) {
                counters.backendError();
                load.abandon();
                Logs.get("dev.larder").log(System.Logger.Level.WARNING, uncopyable.getMessage(), uncopyable);
                return;
            }
            if (store) {
                load.complete(master);
            } else {
                load.handOff(master);
            }
        }
    }

    private static final class Binding {
        final RuntimeState state;
        /** The tier's local cache, read directly by the hit path. */
        final LocalCache cache;

        final CacheCounters counters;
        final Tier tier;
        final CachedMethod method;
        final long refreshAfter;
        /** Copies values for a {@code copy=true} cache; null when values are shared. */
        final @Nullable ValueCopier copier;
        /** No refresh-ahead, copying, tags or use counting: a hit returns the cached value as it is. */
        final boolean plainHit;
        /** Whether each hit counts its key for the warm-restart ranking ({@link LocalCache#rankByUse}). */
        final boolean countsUses;
        /**
         * Whether each hit checks the tags of the entry it finds: the method tags its entries, or it shares its cache
         * with a method that does ({@link TaggedCaches}).
         */
        final boolean tagged;
        /** Whether a value found in Redis is this caller's own (no L1 keeps it): not copied again. */
        final boolean freshHits;
        /** The configuration's error when bound to the stand-in state of a broken configuration, else null. */
        final @Nullable RuntimeException failure;
        /** The method's warm restarts ({@code larder.cache.<name>.warm}); null without. Set before publication. */
        @Nullable
        WarmMethod warm;

        Binding(
                RuntimeState state,
                Tier tier,
                CachedMethod method,
                long refreshAfter,
                @Nullable ValueCopier copier,
                @Nullable RuntimeException failure,
                boolean tagged) {
            this.state = state;
            this.tagged = tagged;
            this.tier = tier;
            this.cache = tier.local();
            this.counters = cache.counters();
            this.method = method;
            this.refreshAfter = refreshAfter;
            this.copier = copier;
            this.countsUses = cache.ranksByUse();
            this.plainHit = refreshAfter == NO_REFRESH && copier == null && !tagged && !countsUses;
            this.freshHits = tier.decodesEveryRead();
            this.failure = failure;
        }

        private Binding(Binding plain) {
            this(plain.state, plain.tier, plain.method, plain.refreshAfter, plain.copier, plain.failure, true);
            this.warm = plain.warm;
        }

        /** This binding, but checking tags on every hit (its cache is shared with a tagged method). */
        Binding checkingTags() {
            return new Binding(this);
        }
    }
}
