package dev.larder.internal.state;

import dev.larder.Codec;
import dev.larder.DeadLetterHandler;
import dev.larder.LarderConfig;
import dev.larder.ValueType;
import dev.larder.internal.cache.Entry;
import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.config.ConfigKeys;
import dev.larder.internal.redis.RedisSupport;
import dev.larder.internal.redis.RedisTier;
import dev.larder.internal.redis.RemoteCache;
import dev.larder.internal.writebehind.BatchWriter;
import dev.larder.internal.writebehind.Journal;
import dev.larder.internal.writebehind.PendingReads;
import dev.larder.internal.writebehind.RetryBackoff;
import dev.larder.internal.writebehind.WriteBehindQueue;
import dev.larder.internal.writebehind.WriteBehindScheduler;
import dev.larder.internal.writebehind.WriteBehindSettings;
import dev.larder.internal.writebehind.journal.Journals;
import dev.larder.internal.writebehind.journal.Replayer;
import dev.larder.model.WriteBehindSpec;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Everything one configuration of the runtime owns: its caches, its refresh workers and its write-behind queues.
 * Replaced as a whole when the runtime is reconfigured; handles are then bound to the new one.
 */
public final class RuntimeState {
    private static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
    private static final int REFRESH_QUEUE = 1024;
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long SWEEP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final LarderConfig config;
    private final Supplier<DeadLetterHandler> deadLetters;
    private final Map<String, LocalCache> caches = new ConcurrentHashMap<>();
    private final Function<String, LocalCache> newCache = new NewCache();
    private final List<WriteBehindQueue> queues = new CopyOnWriteArrayList<>();
    private final List<Journal> journals = new CopyOnWriteArrayList<>();
    private final @Nullable Codec codec;
    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();
    private final @Nullable RedisTier redis;
    private volatile boolean closed;

    // Workers start on first need, not with the state: most applications never refresh ahead or write behind, and
    // every thread and executor class loaded here delays the first call of a cached method. Guarded by this.
    private @Nullable ThreadPoolExecutor refresher;
    private @Nullable WriteBehindScheduler scheduler;
    private @Nullable Sweeper sweeper;

    RuntimeState(LarderConfig config, Supplier<DeadLetterHandler> deadLetters, @Nullable Codec codec) {
        this.config = config;
        this.deadLetters = deadLetters;
        this.codec = codec;
        // First, so that a missing Jedis fails the configuration before any thread is started.
        this.redis = openRedis(config, codec);
    }

    /** The Redis tier when any cache uses Redis; Jedis classes are never touched otherwise. */
    private @Nullable RedisTier openRedis(LarderConfig config, @Nullable Codec codec) {
        String key = null;
        String value = null;
        if (config.backend() != LarderConfig.Backend.LOCAL) {
            key = ConfigKeys.BACKEND;
            value = config.get(ConfigKeys.BACKEND).orElse("");
        } else {
            for (Map.Entry<String, String> entry : config.asMap().entrySet()) {
                if (entry.getKey().startsWith(ConfigKeys.CACHE_PREFIX)
                        && entry.getKey().endsWith(ConfigKeys.CACHE_BACKEND)
                        && !entry.getValue().equalsIgnoreCase("local")) {
                    key = entry.getKey();
                    value = entry.getValue();
                    break;
                }
            }
        }
        return key == null ? null : RedisSupport.open(config, codec, caches::get, key, value);
    }

    /** The Redis tier, or null when no cache uses Redis. */
    public @Nullable RedisTier redisTier() {
        return redis;
    }

    /** Where a cache keeps its entries: its own {@code backend} setting, else {@code larder.backend}. */
    public LarderConfig.Backend backend(String cache) {
        return config.cacheBackend(cache).orElse(config.backend());
    }

    /** The Redis view of a cache, or null for a local cache. */
    public @Nullable RemoteCache remote(String cache) {
        RedisTier tier = redis;
        if (tier == null) {
            return null;
        }
        LarderConfig.Backend backend = backend(cache);
        return backend == LarderConfig.Backend.LOCAL
                ? null
                : tier.cache(cache, LarderRuntime.counters(cache), backend == LarderConfig.Backend.TIERED);
    }

    /**
     * Removes a key from every tier: the local cache (cancelling a load in flight), then Redis, then other JVMs' L1
     * copies through the invalidation channel. What cannot reach Redis now is replayed when it can (see {@link
     * RemoteCache#invalidate}); until then this JVM does not read the key from Redis.
     */
    public void invalidate(String cache, Object key) {
        cache(cache).invalidate(key);
        RemoteCache remote = remote(cache);
        if (remote != null) {
            remote.invalidate(key);
        }
    }

    /**
     * Stores a written value in every tier of the cache, superseding loads in flight: L1 first (so a load that started
     * earlier cannot store after it; registered for other JVMs' invalidations before it is stored, and living no
     * longer than the staleness bound while those may be lost), then Redis ({@code SET … PX}, synchronously), then
     * tells other JVMs to drop their L1 copy. What cannot reach Redis is replayed as an invalidation when it can;
     * nothing is thrown.
     */
    public void put(String cache, Object key, Object value, long ttlNanos) {
        LocalCache local = cache(cache);
        RemoteCache remote = remote(cache);
        if (remote == null) {
            local.put(key, value, ttlNanos);
            return;
        }
        if (remote.keepsLocalCopies()) {
            remote.remember(key);
            local.put(key, value, remote.localTtl(ttlNanos));
        } else {
            local.supersede(key);
        }
        remote.put(key, value, ttlNanos);
    }

    /** Removes every key of a cache from every tier: a new local epoch and a new Redis generation. */
    public void invalidateAll(String cache) {
        cache(cache).invalidateAll();
        RemoteCache remote = remote(cache);
        if (remote != null) {
            remote.invalidateAll();
        }
    }

    /** Frees the entries nobody read again after they expired. */
    void sweep() {
        for (LocalCache cache : caches.values()) {
            cache.sweep();
        }
    }

    public LarderConfig config() {
        return config;
    }

    /** The cache of that name, created on first use with its configured maximum size. */
    public LocalCache cache(String name) {
        LocalCache cache = caches.get(name);
        return cache != null ? cache : caches.computeIfAbsent(name, newCache);
    }

    private LocalCache newCache(String name) {
        startSweeper();
        return new LocalCache(
                name, config.cacheMaxSize(name).orElse(config.localMaxSize()), LarderRuntime.counters(name));
    }

    private synchronized void startSweeper() {
        if (sweeper == null && !closed) {
            sweeper = new Sweeper(this, SWEEP_NANOS);
            sweeper.start();
        }
    }

    public Map<String, LocalCache> caches() {
        return Map.copyOf(caches);
    }

    /**
     * The lifetime of the entries a method stores, in nanoseconds ({@link Entry#NO_EXPIRY} for none): the per-cache
     * configuration if set, else the method's own TTL, else 10 minutes.
     */
    public long ttlNanos(String site, String cache, @Nullable Duration methodTtl) {
        Optional<Duration> configured = config.cacheTtl(cache);
        Duration ttl = configured.isPresent() ? configured.get() : methodTtl == null ? DEFAULT_TTL : methodTtl;
        return ttl.isZero() ? Entry.NO_EXPIRY : ttl.toNanos();
    }

    /**
     * The journal of one write-behind method as {@code larder.writeBehind.journal} asks ({@link Journal#NONE} for
     * none), closed with this state after the queues.
     *
     * @param valueType the declared type of the method's values, {@code null} when unknown
     * @throws dev.larder.ConfigurationException when the method cannot be journalled (no batch method, no known
     *     value type) or the journal cannot be opened
     */
    public Journal writeBehindJournal(
            WriteBehindSpec spec, @Nullable BatchWriter batchWriter, @Nullable Class<?> valueType) {
        if (config.writeBehindJournal().equalsIgnoreCase("none")) {
            return Journal.NONE;
        }
        ValueType type =
                valueType == null ? null : new ValueType(boxed(valueType).getTypeName(), loaderOf(valueType));
        Journal journal = Journals.open(config, spec.site(), spec.cache(), batchWriter != null, type, codec, redis);
        journals.add(journal);
        return journal;
    }

    /**
     * What writes the journal's writes taken over from other JVMs after the queue was built (the Redis journal's),
     * or {@code null} when the journal takes over nothing later.
     */
    public @Nullable Replayer writeBehindTakeovers(
            WriteBehindSpec spec, @Nullable BatchWriter batchWriter, Journal journal) {
        if (!Journals.takesOverLater(journal) || batchWriter == null) {
            return null;
        }
        String cache = spec.cache();
        return new Replayer(journal, batchWriter, spec.batchSize(), cache, deadLetters, () -> invalidateAll(cache));
    }

    private static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
    }

    private static ClassLoader loaderOf(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader != null ? loader : ClassLoader.getSystemClassLoader();
    }

    /** The write-behind queue of one method, without a journal, flushed and closed with this state. */
    public WriteBehindQueue writeBehindQueue(WriteBehindSpec spec, @Nullable BatchWriter batchWriter) {
        return writeBehindQueue(spec, batchWriter, Journal.NONE);
    }

    /**
     * The write-behind queue of one method, keeping its writes in {@code journal} and queuing what it recovered ahead
     * of new writes, flushed and closed with this state.
     */
    public WriteBehindQueue writeBehindQueue(WriteBehindSpec spec, @Nullable BatchWriter batchWriter, Journal journal) {
        Duration delay = spec.delay();
        String name = spec.cache();
        WriteBehindSettings settings = new WriteBehindSettings(
                name,
                delay,
                spec.batchSize(),
                spec.coalesce(),
                spec.maxRetries(),
                config.writeBehindMaxAge(name),
                config.writeBehindMaxPending(name));
        LocalCache cache = cache(name);
        WriteBehindQueue queue = new WriteBehindQueue(
                settings,
                batchWriter,
                writeBehindScheduler(),
                deadLetters,
                cache.counters(),
                RetryBackoff.DEFAULT,
                journal,
                new PendingReads(cache, key -> invalidate(name, key), () -> invalidateAll(name)),
                null);
        queues.add(queue);
        if (closed) {
            queue.close();
        }
        return queue;
    }

    /**
     * Runs a refresh on the bounded refresh workers.
     *
     * @return false when they are saturated or shut down: the refresh is skipped, and a later read asks again
     */
    public boolean submitRefresh(Runnable refresh) {
        ThreadPoolExecutor workers = refresher();
        if (workers == null) {
            return false;
        }
        try {
            workers.execute(refresh);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** The refresh workers, started on the first refresh; null once closed. */
    private synchronized @Nullable ThreadPoolExecutor refresher() {
        if (closed) {
            return null;
        }
        if (refresher == null) {
            int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
            ThreadPoolExecutor workers = new ThreadPoolExecutor(
                    threads,
                    threads,
                    30,
                    TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(REFRESH_QUEUE),
                    new DaemonThreads("larder-refresh-"),
                    new ThreadPoolExecutor.AbortPolicy());
            workers.allowCoreThreadTimeOut(true);
            refresher = workers;
        }
        return refresher;
    }

    /**
     * The workers of the write-behind queues, started with the first queue. A closed state still gets a scheduler
     * (its queues are closed at once and write on the caller's thread), closed too so that it runs nothing.
     */
    private synchronized WriteBehindScheduler writeBehindScheduler() {
        if (scheduler == null) {
            scheduler = new WriteBehindScheduler();
            if (closed) {
                scheduler.close();
            }
        }
        return scheduler;
    }

    /** Logs a failed refresh at most once a minute per method, so a failing backend does not flood the log. */
    public void logRefreshFailure(String site, Object key, Throwable failure) {
        long now = System.nanoTime();
        Long last = lastLogged.get(site);
        if (last == null || now - last > LOG_INTERVAL_NANOS) {
            lastLogged.put(site, now);
            // The logger is looked up here, not held in a field, so that starting the runtime does not start logging.
            System.getLogger("dev.larder")
                    .log(
                            Level.WARNING,
                            "Refresh-ahead of " + site + " for key " + key + " failed; the current value is"
                                    + " served until it expires. Further failures of this method are not logged for a minute.",
                            failure);
        }
    }

    /** Writes every pending write-behind write of this state. */
    public void flush() {
        for (WriteBehindQueue queue : queues) {
            queue.flush();
        }
    }

    /**
     * Flushes and closes the write-behind queues (later writes run synchronously) and stops the workers. Caches stay
     * usable: handles bound to a closed state still cache, in every tier, and stop only refreshing ahead. The Redis
     * connection stays open (its threads are daemons, so it does not keep the JVM alive) until {@link #release()}.
     */
    void close() {
        synchronized (this) {
            closed = true;
        }
        for (WriteBehindQueue queue : queues) {
            queue.close();
        }
        for (Journal journal : journals) {
            journal.close();
        }
        WriteBehindScheduler writeBehind;
        ThreadPoolExecutor workers;
        Sweeper sweeps;
        synchronized (this) {
            writeBehind = scheduler;
            workers = refresher;
            sweeps = sweeper;
        }
        if (writeBehind != null) {
            writeBehind.close();
        }
        if (workers != null) {
            workers.shutdown();
        }
        if (sweeps != null) {
            sweeps.close();
        }
    }

    /** Closes the Redis connection, once no handle is bound to this state any more (another state replaced it). */
    void release() {
        if (redis != null) {
            redis.close();
        }
    }

    /** Creates caches for {@link #cache(String)}; a named class, since a lambda here would cost start-up time. */
    private final class NewCache implements Function<String, LocalCache> {
        @Override
        public LocalCache apply(String name) {
            return newCache(name);
        }
    }

    /** Names worker threads {@code prefix1}, {@code prefix2}, … and makes them daemons. */
    private static final class DaemonThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        DaemonThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, prefix.concat(Integer.toString(count.incrementAndGet())));
            thread.setDaemon(true);
            return thread;
        }
    }
}
