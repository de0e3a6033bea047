package dev.larder.internal.redis;

import dev.larder.Codec;
import dev.larder.LarderConfig;
import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.log.Logs;
import dev.larder.internal.metrics.CacheCounters;
import dev.larder.internal.spi.RemoteTiers;
import dev.larder.internal.tag.TagClock;
import dev.larder.internal.tier.Tier;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/*
 * The Redis tier of one configuration: the connection, the circuit breaker, the invalidation channel and the remote
 * view of each cache (RemoteCache).
 *
 * Fail-open. Every Redis call goes through call(): when the breaker is open the call is skipped and the caller gets
 * the fallback (a miss, "not stored"), so the method runs as if uncached; a call that throws is counted as a backend
 * error of the cache, logged at most once a minute, and reported to the breaker. Nothing Redis does reaches a caller.
 * What a write or an invalidation could not tell Redis is kept by its RemoteCache and replayed (see there).
 *
 * Invalidation channel. Every write, invalidation and invalidate-all is published on "<namespace>:invalidate" as
 * "<jvm id>\n<op>\n<cache>\n<payload>": op K with the encoded key (other JVMs drop that key from their L1), op A with
 * the new generation (they adopt it and drop their whole L1 of that cache), op H a heartbeat that only its sender
 * reads. A JVM ignores its own K and A messages.
 *
 * Liveness and the staleness bound S (larder.redis.staleness). Messages are lost while the subscription is down, and
 * a silent partition (a connection that stops delivering without closing) loses them without any disconnection. So
 * every S/4 the tier publishes a heartbeat carrying its send time and reads it back on the subscription; the channel
 * is "live" while a heartbeat sent less than S/2 ago has come back, which proves that every message published before
 * it was delivered. A watchdog thread (it makes no Redis call, so a stalled Redis cannot delay it) checks every S/8:
 * when the channel stops being live it drops every tiered L1 copy, and from then on L1 entries live at most S
 * (RemoteCache.localTtl) until a heartbeat comes back; then generations are re-read, kept writes are replayed and the
 * L1 is dropped once more (loads that started while messages were lost must not store with a full TTL), and the
 * channel is live again. A stale L1 copy is therefore served at most S/2 + S/8 after another JVM's change reached
 * Redis while live, and at most S after it was loaded while not live. A subscription that stays silent for S/2 is
 * reconnected, since a connection stalled by a partition may never deliver or fail.
 *
 * Tags. Redis keeps a tag clock "<namespace>:{tags}:clock" and, per tag, "<namespace>:{tags}:tag:<tag>" holding the
 * clock reading of its last invalidation, as TagClock does in one JVM; all in one Cluster slot (the {tags} hash tag),
 * so that an invalidation is one atomic script and a read's check one MGET, on one node. invalidateTag runs the script
 * (advance the clock to c, set the tag's key to c) and publishes op T with the tag, which every other JVM applies to its
 * TagClock. A tagged load reads the clock before its method runs (one GET per tagged miss) and stores the reading and
 * its tags with the value (Envelope); a read of a tagged value MGETs its tags' keys, and a value one of whose tags was
 * invalidated at a later reading is stale: absent, replaced under a lease by a new load. A counter rather than a time,
 * so clock skew between JVMs cannot order a load that began before an invalidation after it; but never below the
 * invalidating JVM's time in microseconds, so a lost clock key comes back above every tag's reading. The check MGETs the clock
 * too: a clock that reads less than the value's reading ran back (the {tags} slot lost its keys while the values, on
 * other Cluster masters, kept theirs), so the value is stale, else invalidations would not hide it until the clock
 * passed its reading again. An invalidation that
 * cannot reach Redis is kept and replayed on every tick; while it is kept, this JVM reads every value carrying that
 * tag from Redis as stale.
 */
/** The Redis tier of one configuration: connection, circuit breaker, invalidation channel, remote caches. */
public final class RedisTier implements RemoteTiers {
    private static final System.Logger LOG = Logs.get("dev.larder.redis");
    static final int FAILURE_THRESHOLD = 5;
    static final long COOL_DOWN_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    final RedisOps ops;
    final Codec codec;
    final String namespace;
    final String channel;
    final String jvmId = UUID.randomUUID().toString();
    final boolean distributed;
    /** With distributed stampede, the longest a JVM waits for another JVM's load of a key (larder.redis.leaseWait). */
    final long leaseMillis;
    /** How long a miss's lease marker lives (larder.redis.leaseTtl). */
    final long leaseTtlMillis;

    final CircuitBreaker breaker;
    final Function<String, @Nullable LocalCache> localCaches;
    /** The staleness bound S: the longest an L1 entry lives while the channel is not live. */
    final long stalenessNanos;

    private final long heartbeatNanos;
    private final long silenceNanos;
    private final Map<String, RemoteCache> caches = new ConcurrentHashMap<>();
    /** A cache's {@code larder.cache.<name>.version}, or null. */
    private final Function<String, @Nullable String> versions;

    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    /** Runs every Redis call of the tier's own: heartbeats, generation re-reads, replays. */
    private final ScheduledExecutorService timer = daemon("larder-redis-timer");
    /** Decides liveness; never calls Redis, so a stalled Redis cannot hold it up. */
    private final ScheduledExecutorService watchdog = daemon("larder-redis-watchdog");

    private volatile RedisOps.@Nullable Subscription subscription;
    private final CountDownLatch firstLive = new CountDownLatch(1);
    /** Whether the subscription is established now (heartbeats may come back). */
    private volatile boolean subscribed;
    /** Send time (System.nanoTime) of the newest heartbeat that came back. */
    private final AtomicLong lastHeard = new AtomicLong(System.nanoTime() - TimeUnit.DAYS.toNanos(1));

    /** The Redis tag clock, and the prefix of each tag's key: one Cluster slot. */
    private final byte[] tagClockKey;

    private final String tagKeyPrefix;
    /** Tag invalidations that did not reach Redis or the channel yet, each with a stamp from {@link #tagStamps}. */
    private final Map<String, Long> pendingTags = new ConcurrentHashMap<>();

    private final AtomicLong tagStamps = new AtomicLong();

    /** Whether this JVM used tags on Redis, and whether Redis's eviction policy was checked since ({@link #tick}). */
    private volatile boolean tagsUsed;

    private volatile boolean evictionChecked;

    private volatile long lastReconnect = System.nanoTime();
    private final AtomicBoolean regaining = new AtomicBoolean();

    @Override
    public Tier tier(String cache, LocalCache local, CacheCounters counters, boolean tiered) {
        RemoteCache remote = cache(cache, counters, tiered);
        return tiered ? new TieredTier(local, remote) : new RedisOnlyTier(local, remote);
    }

    /** Whether invalidation messages are known to arrive now, so that L1 entries may live their full TTL. */
    private volatile boolean live;

    private volatile boolean closed;

    RedisTier(RedisOps ops, LarderConfig config, Codec codec, Function<String, @Nullable LocalCache> localCaches) {
        this.ops = ops;
        this.codec = codec;
        this.namespace = config.namespace();
        this.versions = config::cacheVersion;
        this.channel = namespace + ":invalidate";
        this.tagKeyPrefix = namespace + ":{tags}:tag:";
        this.tagClockKey = (namespace + ":{tags}:clock").getBytes(StandardCharsets.UTF_8);
        this.distributed = config.stampede() == LarderConfig.Stampede.DISTRIBUTED;
        this.leaseMillis = config.redisLeaseWait().toMillis();
        this.leaseTtlMillis = Math.max(1, config.redisLeaseTtl().toMillis());
        this.breaker = new CircuitBreaker(FAILURE_THRESHOLD, COOL_DOWN_NANOS);
        this.localCaches = localCaches;
        this.stalenessNanos = config.redisStaleness().toNanos();
        this.heartbeatNanos = stalenessNanos / 4;
        this.silenceNanos = stalenessNanos / 2;
        subscribe(); // at once, so that tiered caches have their L1 from the first calls
        timer.scheduleWithFixedDelay(this::heartbeat, 0, heartbeatNanos, TimeUnit.NANOSECONDS);
        timer.scheduleWithFixedDelay(this::tick, heartbeatNanos, heartbeatNanos, TimeUnit.NANOSECONDS);
        watchdog.scheduleWithFixedDelay(this::watch, heartbeatNanos, stalenessNanos / 8, TimeUnit.NANOSECONDS);
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The remote view of a cache, created on first use. A cache with {@code larder.cache.<name>.version} is {@code
     * <name>@<version>} in Redis and on the channel (see {@link CacheVersions}); the views are kept by that name, so
     * messages about another version of the cache reach no view here.
     */
    public RemoteCache cache(String name, CacheCounters counters, boolean tiered) {
        String remoteName = CacheVersions.remoteName(name, versions.apply(name));
        return caches.computeIfAbsent(remoteName, n -> new RemoteCache(this, name, n, counters, tiered));
    }

    /** Whether invalidation messages are known to arrive now: tiered L1 entries keep their full TTL only then. */
    boolean live() {
        return live;
    }

    private void subscribe() {
        subscription = ops.subscribe(channel, new RedisOps.Listener() {
            @Override
            public void subscribed() {
                subscribed = true;
                if (!closed) {
                    timer.execute(RedisTier.this::heartbeat); // prove the channel live without waiting a period
                }
            }

            @Override
            public void disconnected() {
                subscribed = false;
                lose();
            }

            @Override
            public void message(String message) {
                receive(message);
            }
        });
    }

    private void heartbeat() {
        publish(null, "H", "", Long.toString(System.nanoTime()));
    }

    /** A heartbeat of this JVM came back: every message published before it was sent has been delivered. */
    private void heard(long sentAt) {
        lastHeard.accumulateAndGet(sentAt, Math::max);
        if (!live && !closed && regaining.compareAndSet(false, true)) {
            timer.execute(this::regain);
        }
    }

    /** Makes the channel live again: re-reads generations, replays what was kept, then drops the L1 once more. */
    private void regain() {
        try {
            replayTags();
            for (RemoteCache cache : caches.values()) {
                cache.refreshGeneration();
                cache.replay();
            }
            if (heardRecently()) {
                live = true;
                dropAllLocal();
                firstLive.countDown();
            }
        } finally {
            regaining.set(false);
        }
    }

    private boolean heardRecently() {
        return subscribed && System.nanoTime() - lastHeard.get() < silenceNanos;
    }

    private void watch() {
        if (closed || heardRecently()) {
            return;
        }
        lose();
        long now = System.nanoTime();
        RedisOps.Subscription current = subscription;
        if (subscribed && current != null && now - lastReconnect > silenceNanos) {
            lastReconnect = now;
            current.reconnect(); // a stalled connection may never deliver nor fail: make a new one
        }
    }

    /** Messages may be lost from now on: drops every tiered L1 copy, and later ones live at most the bound. */
    private void lose() {
        if (live) {
            live = false;
            dropAllLocal();
        }
    }

    private void dropAllLocal() {
        for (RemoteCache cache : caches.values()) {
            cache.dropLocal();
        }
    }

    /**
     * Invalidates a tag in Redis (the tag clock advanced, the tag's key set to the new reading) and tells the other JVMs;
     * this JVM has invalidated it already. Never throws: what did not reach Redis or the channel is kept and replayed
     * on every tick, and until then every value carrying the tag read from Redis counts as stale here.
     */
    @Override
    public void invalidateTag(String tag) {
        tagsUsed = true;
        long stamp = tagStamps.incrementAndGet();
        pendingTags.put(tag, stamp); // before Redis is asked: readers meanwhile treat tagged values as stale
        if (applyTag(tag)) {
            pendingTags.remove(tag, stamp);
        }
    }

    private boolean applyTag(String tag) {
        long at = call(
                null,
                () -> ops.invalidateTag(new String(tagClockKey, StandardCharsets.UTF_8), tagKeyPrefix + tag),
                -1L);
        if (at >= 0) {
            HybridClock.observeMicros(at); // a later floor of this JVM stays above what it saw
        }
        return at >= 0 && publish(null, "T", "", tag);
    }

    /** Replays the tag invalidations kept; stops at the first that still cannot reach Redis. */
    private void replayTags() {
        for (Map.Entry<String, Long> pending : pendingTags.entrySet()) {
            if (!applyTag(pending.getKey())) {
                return;
            }
            pendingTags.remove(pending.getKey(), pending.getValue()); // unless invalidated again meanwhile
        }
    }

    /** How many tag invalidations wait for a replay (for tests and diagnostics). */
    int pendingTagCount() {
        return pendingTags.size();
    }

    /** The Redis tag clock now (0 before any invalidation); {@link Lease#UNKNOWN} on a fault. */
    long tagClock(CacheCounters counters) {
        if (!tagsUsed) {
            tagsUsed = true;
        }
        byte[] none = new byte[0];
        byte[] reading = call(
                counters,
                () -> {
                    byte[] bytes = ops.get(tagClockKey);
                    return bytes == null ? none : bytes;
                },
                null);
        if (reading == null) {
            return Lease.UNKNOWN;
        }
        if (reading == none) {
            return 0;
        }
        long clock = number(reading);
        HybridClock.observeMicros(clock); // a later floor of this JVM stays above what it saw
        return clock;
    }

    /**
     * Whether a tagged value read from Redis is stale: one of its tags was invalidated at a later reading of the tag
     * clock than {@code since}, or this JVM's invalidation of one of them has not reached Redis yet, or the tags cannot
     * be read (a fault: the caller then loads rather than serve a value it cannot check), or the clock reads less than
     * {@code since}: it ran back, so the tags' readings may miss invalidations made after the value's load began.
     */
    boolean tagsStale(CacheCounters counters, String[] tags, long since) {
        return tagsStale(counters, Collections.singletonList(tags), new long[] {since})[0];
    }

    /**
     * {@link #tagsStale(CacheCounters, String[], long) Whether} each of many tagged values read together (a bulk
     * lookup) is stale, with one {@code MGET} of all their tags.
     *
     * @param tags each value's tags, or null for a value that carries none (never stale)
     * @param since each value's clock reading
     */
    boolean[] tagsStale(CacheCounters counters, List<String @Nullable []> tags, long[] since) {
        boolean[] stale = new boolean[since.length];
        boolean[] checked = new boolean[since.length]; // whether the MGET decides
        Map<String, Integer> slots = new LinkedHashMap<>(); // each distinct tag's place in the MGET
        boolean anyPending = !pendingTags.isEmpty();
        for (int i = 0; i < since.length; i++) {
            String[] names = tags.get(i);
            if (names == null) {
                continue;
            }
            stale[i] = since[i] < 0;
            for (int t = 0; t < names.length && !stale[i]; t++) {
                stale[i] = anyPending && pendingTags.containsKey(names[t]);
            }
            checked[i] = !stale[i] && names.length > 0;
            for (int t = 0; checked[i] && t < names.length; t++) {
                slots.putIfAbsent(names[t], slots.size());
            }
        }
        if (slots.isEmpty()) {
            return stale;
        }
        if (!tagsUsed) {
            tagsUsed = true; // this JVM reads tagged values: their tag keys must not be evicted either
        }
        List<byte[]> keys = new ArrayList<>(slots.size() + 1);
        for (String tag : slots.keySet()) {
            keys.add((tagKeyPrefix + tag).getBytes(StandardCharsets.UTF_8));
        }
        keys.add(tagClockKey); // same slot, same MGET
        List<byte @Nullable []> readings = call(counters, () -> ops.getAll(keys), null);
        byte[] clockBytes = readings == null ? null : readings.get(slots.size());
        long clock = clockBytes == null ? 0 : number(clockBytes);
        for (int i = 0; i < since.length; i++) {
            if (!checked[i]) {
                continue;
            }
            // The clock ran back (the {tags} slot lost its keys: a restart, or a replica behind it took over), so the
            // tags' readings may have lost the invalidations this value's load preceded: stale, reloaded on the clock.
            stale[i] = readings == null || clock < since[i];
            String[] names = tags.get(i);
            for (int t = 0; t < names.length && !stale[i]; t++) {
                byte[] reading = readings.get(slots.get(names[t]));
                stale[i] = reading != null && number(reading) > since[i];
            }
        }
        return stale;
    }

    private static long number(byte[] ascii) {
        try {
            return Long.parseLong(new String(ascii, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // not a reading Larder wrote: stale, so the value is loaded again
        }
    }

    private void tick() {
        if (tagsUsed && !evictionChecked) {
            checkEviction();
        }
        replayTags();
        for (RemoteCache cache : caches.values()) {
            cache.refreshGeneration();
            cache.replay();
            cache.prune();
        }
    }

    /*
     * A tag key evicted by Redis brings back every value its invalidation hid. Tag keys have no TTL, so only an
     * allkeys-* policy evicts them: checked once, on the timer so that no caller waits, through the breaker like every
     * call of the timer. A server that refuses CONFIG answers, with nothing to check; a fault is asked again next tick.
     */
    private void checkEviction() {
        String policy = call(
                null,
                () -> {
                    String answer = ops.evictionPolicy();
                    return answer == null ? "" : answer;
                },
                null);
        if (policy == null) {
            return; // Redis unreachable: the next tick asks again
        }
        if (policy.startsWith("allkeys-")) {
            LOG.log(
                    Level.WARNING,
                    "Redis evicts any key when memory is full (maxmemory-policy " + policy + "), so an evicted tag"
                            + " key of namespace '" + namespace + "' brings back the values its invalidation hid. Set"
                            + " maxmemory-policy to noeviction or a volatile-* policy: Larder's tag keys have no TTL,"
                            + " so those policies never evict them");
        }
        evictionChecked = true;
    }

    /** Whether Redis's eviction policy was checked (for tests). */
    boolean evictionChecked() {
        return evictionChecked;
    }

    void receive(String message) {
        String[] parts = message.split("\n", 4);
        if (parts.length < 4) {
            return;
        }
        boolean own = parts[0].equals(jvmId);
        if (parts[1].equals("H")) {
            if (own) {
                try {
                    heard(Long.parseLong(parts[3]));
                } catch (NumberFormatException e) {
                    // not a heartbeat of this version of Larder
                }
            }
            return;
        }
        if (parts[1].equals("T")) {
            if (!own) {
                TagClock.invalidate(parts[3]); // this JVM's own invalidation was applied before it was published
            }
            return;
        }
        RemoteCache cache = own ? null : caches.get(parts[2]);
        if (cache == null) {
            return;
        }
        if (parts[1].equals("K")) {
            cache.dropLocal(parts[3]);
        } else if (parts[1].equals("A")) {
            try {
                cache.generationBumped(Long.parseLong(parts[3]));
            } catch (NumberFormatException e) {
                // not a message of this version of Larder
            }
        }
    }

    /** Publishes on the channel; whether Redis took the message (false when the breaker is open or the call failed). */
    boolean publish(@Nullable CacheCounters counters, String op, String cache, String payload) {
        String message = jvmId + "\n" + op + "\n" + cache + "\n" + payload;
        return call(
                counters,
                () -> {
                    ops.publish(channel, message);
                    return Boolean.TRUE;
                },
                Boolean.FALSE);
    }

    /**
     * Runs one Redis call through the breaker: the call's result, or {@code fallback} when the breaker is open or the
     * call failed (counted and logged).
     */
    <T> T call(@Nullable CacheCounters counters, Supplier<T> op, T fallback) {
        if (closed || !breaker.allow()) {
            return fallback;
        }
        long start = System.nanoTime();
        try {
            T result = op.get();
            breaker.success();
            if (counters != null) {
                counters.backendCall(System.nanoTime() - start);
            }
            return result;
        } catch (RuntimeException | LinkageError failure) {
            if (counters != null) {
                counters.backendCall(System.nanoTime() - start);
                counters.backendError();
            }
            boolean opened = breaker.failure();
            log(
                    (counters == null
                                    ? "A Redis call of the invalidation channel or of tags (no cache's) failed"
                                    : "A Redis call for cache '" + counters.cache()
                                            + "' failed; the method runs uncached")
                            + (opened
                                    ? ". The circuit breaker is open: calls skip Redis and probe it again every "
                                            + TimeUnit.NANOSECONDS.toMillis(COOL_DOWN_NANOS) + " ms"
                                    : ""),
                    failure);
            return fallback;
        }
    }

    /** Logs a fault at most once a minute for the whole tier, so a Redis outage does not flood the log. */
    void log(String message, Throwable failure) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastLogged.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, message + ". Further Redis faults are not logged for a minute.", failure);
        }
    }

    /**
     * Waits until the invalidation channel was first live: subscribed, and a heartbeat came back (for tests and start-up
     * checks).
     */
    public boolean awaitSubscribed(long timeout, TimeUnit unit) throws InterruptedException {
        return firstLive.await(timeout, unit);
    }

    /** 0 closed, 1 open, 2 half-open. */
    public int breakerState() {
        return breaker.state();
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        watchdog.shutdownNow();
        AutoCloseable current = subscription;
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
        ops.close();
    }
}
