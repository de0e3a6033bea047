package dev.larder.internal.state;

import dev.larder.Codec;
import dev.larder.DeadLetterHandler;
import dev.larder.LarderConfig;
import dev.larder.internal.cache.Entry;
import dev.larder.internal.cache.Lifetime;
import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.config.ConfigKeys;
import dev.larder.internal.spi.RedisModule;
import dev.larder.internal.spi.RemoteTiers;
import dev.larder.internal.tier.Tier;
import dev.larder.internal.warm.WarmRestarts;
import dev.larder.internal.writebehind.BatchWriter;
import dev.larder.internal.writebehind.Journal;
import dev.larder.internal.writebehind.WriteBehindQueue;
import dev.larder.internal.writebehind.journal.Replayer;
import dev.larder.model.WriteBehindSpec;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Everything one configuration of the runtime owns, and its lifecycle: its caches and their tiers ({@link Caches}),
 * the TTL policy ({@link TtlPolicy}), the refresh workers ({@link RefreshWorkers}) and the write-behind queues
 * ({@link WriteBehindFactory}). Replaced as a whole when the runtime is reconfigured; handles are then bound to the new
 * one. Thread-safe.
 */
public final class RuntimeState {
    private final LarderConfig config;
    private final Caches caches;
    private final TtlPolicy ttl;
    /** Made when a warmed cache's method first binds: a configuration without warm restarts never loads them. */
    private @Nullable WarmRestarts warm;
    /** Made on the first refresh-ahead (or its failure): a configuration that never refreshes never loads them. */
    private volatile @Nullable RefreshWorkers refresh;
    /** Guarded by this: once closed, refresh workers made later are closed at once. */
    private boolean closed;

    private final WriteBehindFactory writeBehind;
    /** The codec that copies the values of {@code copy} caches; null when no cache copies. */
    private final @Nullable Codec copyCodec;

    RuntimeState(LarderConfig config, Supplier<DeadLetterHandler> deadLetters, @Nullable Codec codec) {
        this.config = config;
        this.caches = new Caches(config);
        this.ttl = new TtlPolicy(config);
        // First, so that a missing larder-redis fails the configuration before any thread is started.
        caches.redis(Backends.openRedis(config, codec, new Existing(caches)));
        this.writeBehind = new WriteBehindFactory(config, deadLetters, codec, caches);
        this.copyCodec = copyCodec(config, codec);
    }

    /** {@link Caches#existing}, as a named class: see "Start-up" in package dev.larder. */
    private record Existing(Caches caches) implements Function<String, @Nullable LocalCache> {
        @Override
        public @Nullable LocalCache apply(String name) {
            return caches.existing(name);
        }
    }

    private static @Nullable Codec copyCodec(LarderConfig config, @Nullable Codec codec) {
        for (Map.Entry<String, String> entry : config.asMap().entrySet()) {
            if (entry.getKey().startsWith(ConfigKeys.CACHE_PREFIX)
                    && entry.getKey().endsWith(ConfigKeys.CACHE_COPY)
                    && entry.getValue().equalsIgnoreCase("true")) {
                return codec != null
                        ? codec
                        : RedisModule.require(
                                        entry.getKey(),
                                        entry.getValue(),
                                        "copying cached values with the default JSON codec needs",
                                        "add that dependency, or set another codec with Larder.codec(...)")
                                .jsonCodec(entry.getKey(), entry.getValue(), "copying cached values");
            }
        }
        return null;
    }

    /**
     * The codec that copies the cache's values when {@code larder.cache.<cache>.copy} is true (the one set with
     * {@code Larder.codec}, else JSON); null when the cache shares its values.
     */
    public @Nullable Codec copyCodec(String cache) {
        return config.cacheCopy(cache) ? copyCodec : null;
    }

    public LarderConfig config() {
        return config;
    }

    /** The Redis tiers ({@code larder-redis}), or null when no cache uses Redis. */
    public @Nullable RemoteTiers redisTier() {
        return caches.redis();
    }

    /** Where a cache keeps its entries: its own {@code backend} setting, else {@code larder.backend}. */
    public LarderConfig.Backend backend(String cache) {
        return Backends.of(config, cache);
    }

    /** Whether the cache's values go through Redis ({@code redis} or {@code tiered}). */
    public boolean usesRedis(String cache) {
        return caches.remote(cache);
    }

    /** The tier of a cache, as its backend says; every write, invalidation and miss of the cache goes through it. */
    public Tier tier(String cache) {
        return caches.tier(cache);
    }

    /** A local tier over the cache's local cache, for a method whose values cannot go through Redis. */
    public Tier localTier(String cache) {
        return caches.localTier(cache);
    }

    /** The local cache of that name, created on first use with its configured maximum size. */
    public LocalCache cache(String name) {
        return caches.local(name);
    }

    public Map<String, LocalCache> caches() {
        return caches.all();
    }

    /** See {@link TtlPolicy#ttlNanos}; {@link Entry#NO_EXPIRY} for none. */
    public long ttlNanos(String cache, @Nullable Duration methodTtl) {
        return ttl.ttlNanos(cache, methodTtl);
    }

    /** See {@link TtlPolicy#lifetime}. */
    public Lifetime lifetime(String cache, @Nullable Duration methodTtl, @Nullable Double methodJitter) {
        return ttl.lifetime(cache, methodTtl, methodJitter);
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
        return writeBehind.journal(spec, batchWriter, valueType);
    }

    /**
     * What writes the journal's writes taken over from other JVMs after the queue was built (the Redis journal's),
     * or {@code null} when the journal takes over nothing later.
     */
    public @Nullable Replayer writeBehindTakeovers(
            WriteBehindSpec spec, @Nullable BatchWriter batchWriter, Journal journal) {
        return writeBehind.takeovers(spec, batchWriter, journal);
    }

    /** The write-behind queue of one method, without a journal, flushed and closed with this state. */
    public WriteBehindQueue writeBehindQueue(WriteBehindSpec spec, @Nullable BatchWriter batchWriter) {
        return writeBehind.queue(spec, batchWriter, Journal.NONE);
    }

    /**
     * The write-behind queue of one method, keeping its writes in {@code journal} and queuing what it recovered ahead
     * of new writes, flushed and closed with this state.
     */
    public WriteBehindQueue writeBehindQueue(WriteBehindSpec spec, @Nullable BatchWriter batchWriter, Journal journal) {
        return writeBehind.queue(spec, batchWriter, journal);
    }

    /**
     * Runs a refresh on the bounded refresh workers.
     *
     * @return false when they are saturated or shut down: the refresh is skipped, and a later read asks again
     */
    public boolean submitRefresh(Runnable task) {
        return refresh().submit(task);
    }

    /** Logs a failed refresh at most once a minute per method, so a failing backend does not flood the log. */
    public void logRefreshFailure(String site, Object key, Throwable failure) {
        refresh().logFailure(site, key, failure);
    }

    /** Writes every pending write-behind write of this state. */
    public void flush() {
        writeBehind.flush();
    }

    /** The warm restarts of this state ({@code larder.cache.<name>.warm}). */
    public synchronized WarmRestarts warm() {
        WarmRestarts made = warm;
        if (made == null) {
            made = new WarmRestarts(config);
            warm = made;
        }
        return made;
    }

    private RefreshWorkers refresh() {
        RefreshWorkers made = refresh;
        return made != null ? made : makeRefresh();
    }

    private synchronized RefreshWorkers makeRefresh() {
        RefreshWorkers made = refresh;
        if (made == null) {
            made = new RefreshWorkers();
            if (closed) {
                made.close();
            }
            refresh = made;
        }
        return made;
    }

    /** The warm restarts if a warmed cache's method bound to this state, else null. */
    private synchronized @Nullable WarmRestarts warmIfMade() {
        return warm;
    }

    /** Records the hottest keys of the warmed caches: at a clean shutdown, before {@link #close}. */
    void recordWarmKeys() {
        WarmRestarts made = warmIfMade();
        if (made != null) {
            made.record();
        }
    }

    /**
     * Flushes and closes the write-behind queues (later writes run synchronously) and stops the workers. Caches stay
     * usable: handles bound to a closed state still cache, in every tier, and stop only refreshing ahead. The Redis
     * connection stays open (its threads are daemons, so it does not keep the JVM alive) until {@link #release()}.
     */
    void close() {
        WarmRestarts made = warmIfMade();
        if (made != null) {
            made.close();
        }
        writeBehind.close();
        RefreshWorkers workers;
        synchronized (this) {
            closed = true;
            workers = refresh;
        }
        if (workers != null) {
            workers.close();
        }
        caches.close();
    }

    /** Closes the Redis connection, once no handle is bound to this state any more (another state replaced it). */
    void release() {
        RemoteTiers redis = caches.redis();
        if (redis != null) {
            redis.close();
        }
    }
}
