package dev.larder.internal.state;

import dev.larder.LarderConfig;
import dev.larder.internal.advisor.SizeAdvisor;
import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.metrics.CacheCounters;
import dev.larder.internal.spi.RemoteTiers;
import dev.larder.internal.tier.LocalTier;
import dev.larder.internal.tier.Tier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The caches of one configuration by name: each one's local cache, created on first use with its configured maximum
 * size, and its {@link Tier} (local, redis or tiered, as configured). Also sweeps the local caches, from the first one
 * on. Thread-safe.
 */
final class Caches {
    private static final long SWEEP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final LarderConfig config;
    private final Map<String, LocalCache> caches = new ConcurrentHashMap<>();
    private final Map<String, Tier> tiers = new ConcurrentHashMap<>();
    private final Map<String, Tier> localTiers = new ConcurrentHashMap<>();
    // Named classes rather than lambdas: see "Start-up" in package dev.larder.
    private final Function<String, LocalCache> newCache = new NewCache();
    private final Function<String, Tier> newTier = new NewTier();
    private final Function<String, Tier> newLocalTier = new NewLocalTier();
    private @Nullable RemoteTiers redis;
    /** Guarded by this. */
    private @Nullable Sweeper sweeper;
    /** Guarded by this. */
    private boolean closed;

    Caches(LarderConfig config) {
        this.config = config;
    }

    /** Connects the Redis tier, opened once the caches exist to find L1 copies in. */
    void redis(@Nullable RemoteTiers tier) {
        this.redis = tier;
    }

    @Nullable
    RemoteTiers redis() {
        return redis;
    }

    /** The local cache of that name, for a tier or for reading statistics, or null when none was created. */
    @Nullable
    LocalCache existing(String name) {
        return caches.get(name);
    }

    LocalCache local(String name) {
        LocalCache cache = caches.get(name);
        return cache != null ? cache : caches.computeIfAbsent(name, newCache);
    }

    Map<String, LocalCache> all() {
        return Map.copyOf(caches);
    }

    /** The tier of a cache: its backend's. */
    Tier tier(String name) {
        Tier tier = tiers.get(name);
        return tier != null ? tier : tiers.computeIfAbsent(name, newTier);
    }

    /** A local tier over the cache's local cache, for a method whose values cannot go through Redis. */
    Tier localTier(String name) {
        Tier tier = localTiers.get(name);
        return tier != null ? tier : localTiers.computeIfAbsent(name, newLocalTier);
    }

    /** Whether the cache's values go through Redis: Redis is open and the cache's backend is not local. */
    boolean remote(String name) {
        return redis != null && Backends.of(config, name) != LarderConfig.Backend.LOCAL;
    }

    /** Frees the entries nobody read again after they expired. */
    void sweep() {
        for (LocalCache cache : caches.values()) {
            cache.sweep();
        }
    }

    void close() {
        Sweeper sweeps;
        synchronized (this) {
            closed = true;
            sweeps = sweeper;
        }
        if (sweeps != null) {
            sweeps.close();
        }
    }

    private LocalCache newCache(String name) {
        startSweeper();
        long maxSize = config.cacheMaxSize(name).orElse(config.localMaxSize());
        CacheCounters counters = LarderRuntime.counters(name);
        // a redis cache keeps nothing in this JVM: there is no local size to advise on
        boolean local = Backends.of(config, name) != LarderConfig.Backend.REDIS;
        SizeAdvisor advisor = local && config.sizeAdvisor(name)
                ? new SizeAdvisor(maxSize, counters::lookups, ForkJoinPool.commonPool())
                : null;
        return new LocalCache(name, maxSize, counters, advisor);
    }

    private synchronized void startSweeper() {
        if (sweeper == null && !closed) {
            sweeper = new Sweeper(this, SWEEP_NANOS);
            sweeper.start();
        }
    }

    private Tier newTier(String name) {
        LocalCache local = local(name);
        RemoteTiers tiers = redis;
        LarderConfig.Backend backend = Backends.of(config, name);
        if (tiers == null || backend == LarderConfig.Backend.LOCAL) {
            return new LocalTier(local);
        }
        return tiers.tier(name, local, LarderRuntime.counters(name), backend == LarderConfig.Backend.TIERED);
    }

    private final class NewCache implements Function<String, LocalCache> {
        @Override
        public LocalCache apply(String name) {
            return newCache(name);
        }
    }

    private final class NewTier implements Function<String, Tier> {
        @Override
        public Tier apply(String name) {
            return newTier(name);
        }
    }

    private final class NewLocalTier implements Function<String, Tier> {
        @Override
        public Tier apply(String name) {
            return new LocalTier(local(name));
        }
    }
}
