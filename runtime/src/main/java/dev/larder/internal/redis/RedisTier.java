package dev.larder.internal.redis;

import dev.larder.Codec;
import dev.larder.LarderConfig;
import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.metrics.CacheCounters;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 *
 * Invalidation channel. Every write, invalidation and invalidate-all is published on "<namespace>:invalidate" as
 * "<jvm id>\n<op>\n<cache>\n<payload>": op K with the encoded key (other JVMs drop that key from their L1), op A with
 * the new generation (they adopt it and drop their whole L1 of that cache). A JVM ignores its own messages. Messages
 * are lost while the subscription is down, so tiered caches keep L1 copies only while it is up ("live"): until the
 * first subscription and after a disconnection they work as the redis backend does, and a disconnection drops every
 * L1 copy. A tiered L1 is therefore stale by at most the pub/sub latency. Generations are also re-read every second,
 * which bounds how long a JVM that missed an A message reads the old generation.
 */
/** The Redis tier of one configuration: connection, circuit breaker, invalidation channel, remote caches. */
public final class RedisTier implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.larder.redis");
    static final int FAILURE_THRESHOLD = 5;
    static final long COOL_DOWN_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long REFRESH_MILLIS = 1000;
    /** With distributed stampede, the longest a JVM waits for another JVM's load of a key (its lease holder). */
    static final long LEASE_MILLIS = 5000;

    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    final RedisOps ops;
    final Codec codec;
    final String namespace;
    final String channel;
    final String jvmId = UUID.randomUUID().toString();
    final boolean distributed;
    final long leaseMillis;
    final CircuitBreaker breaker;
    final Function<String, @Nullable LocalCache> localCaches;
    private final Map<String, RemoteCache> caches = new ConcurrentHashMap<>();
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "larder-redis-timer");
        thread.setDaemon(true);
        return thread;
    });
    private volatile @Nullable AutoCloseable subscription;
    private final CountDownLatch subscribed = new CountDownLatch(1);
    /** Whether the invalidation channel is subscribed now, so that tiered caches may keep L1 copies. */
    private volatile boolean live;

    private volatile boolean closed;

    RedisTier(RedisOps ops, LarderConfig config, Codec codec, Function<String, @Nullable LocalCache> localCaches) {
        this.ops = ops;
        this.codec = codec;
        this.namespace = config.namespace();
        this.channel = namespace + ":invalidate";
        this.distributed = config.stampede() == LarderConfig.Stampede.DISTRIBUTED;
        this.leaseMillis = LEASE_MILLIS;
        this.breaker = new CircuitBreaker(FAILURE_THRESHOLD, COOL_DOWN_NANOS);
        this.localCaches = localCaches;
        subscribe(); // at once, so that tiered caches have their L1 from the first calls
    }

    /** The remote view of a cache, created on first use. */
    public RemoteCache cache(String name, CacheCounters counters, boolean tiered) {
        return caches.computeIfAbsent(name, n -> new RemoteCache(this, n, counters, tiered));
    }

    /** Whether the invalidation channel is subscribed now: tiered caches keep L1 copies only then. */
    boolean live() {
        return live;
    }

    private void subscribe() {
        subscription = ops.subscribe(channel, new RedisOps.Listener() {
            @Override
            public void subscribed() {
                resynchronise();
                live = true;
                subscribed.countDown();
            }

            @Override
            public void disconnected() {
                if (live) {
                    live = false;
                    for (RemoteCache cache : caches.values()) {
                        cache.dropLocal(); // invalidations are lost from now on
                    }
                }
            }

            @Override
            public void message(String message) {
                receive(message);
            }
        });
        timer.scheduleWithFixedDelay(this::tick, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** After a (re)subscription: A messages may have been lost, so re-read the generations (L1 was off meanwhile). */
    private void resynchronise() {
        for (RemoteCache cache : caches.values()) {
            cache.refreshGeneration();
        }
    }

    private void tick() {
        for (RemoteCache cache : caches.values()) {
            cache.refreshGeneration();
            cache.prune();
        }
    }

    void receive(String message) {
        String[] parts = message.split("\n", 4);
        if (parts.length < 4 || parts[0].equals(jvmId)) {
            return;
        }
        RemoteCache cache = caches.get(parts[2]);
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

    void publish(CacheCounters counters, String op, String cache, String payload) {
        String message = jvmId + "\n" + op + "\n" + cache + "\n" + payload;
        call(
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
    <T> T call(CacheCounters counters, Supplier<T> op, T fallback) {
        if (closed || !breaker.allow()) {
            return fallback;
        }
        long start = System.nanoTime();
        try {
            T result = op.get();
            breaker.success();
            counters.backendCall(System.nanoTime() - start);
            return result;
        } catch (RuntimeException | LinkageError failure) {
            counters.backendCall(System.nanoTime() - start);
            counters.backendError();
            boolean opened = breaker.failure();
            log(
                    "A Redis call for cache '" + counters.cache() + "' failed; the method runs uncached"
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

    /** Waits until the invalidation channel was first subscribed (for tests and start-up checks). */
    public boolean awaitSubscribed(long timeout, TimeUnit unit) throws InterruptedException {
        return subscribed.await(timeout, unit);
    }

    /** 0 closed, 1 open, 2 half-open. */
    public int breakerState() {
        return breaker.state();
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
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
