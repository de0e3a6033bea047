package dev.larder.internal.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a cache's counters as Micrometer meters: the names and tags of Micrometer's own cache binders ({@code
 * cache.gets} with {@code result=hit|miss}, {@code cache.puts}, {@code cache.evictions}, {@code cache.size}, {@code
 * cache.load} with {@code result=success|failure}, {@code cache.load.duration}), tagged {@code cache} and {@code
 * cache.manager=larder}, so that dashboards built for Caffeine or Spring caches show Larder's; and Larder's own figures
 * as {@code larder.*} with a {@code cache} tag. Linking this class needs Micrometer: {@link MicrometerSupport} makes
 * it only once Micrometer was found, in a loader that sees it ({@link BinderLoader}). Public, with what it uses, for
 * that loader: it may define this class apart from the rest of the runtime.
 */
public final class MicrometerBinder implements MicrometerSupport.Binder {
    private static final String MANAGER = "larder";

    public MicrometerBinder() {}

    @Override
    public Object globalRegistry() {
        return Metrics.globalRegistry;
    }

    /**
     * Registers the meters of one cache in a registry. Meters read the counters when scraped; nothing is copied per
     * call. Registering the same cache twice in one registry finds the meters already there.
     */
    @Override
    public void bind(Object target, CacheCounters counters) {
        MeterRegistry registry = (MeterRegistry) target;
        bindStandard(registry, counters);
        bindLarder(registry, counters);
    }

    private static void bindStandard(MeterRegistry registry, CacheCounters counters) {
        Tags tags = Tags.of("cache", counters.cache(), "cache.manager", MANAGER);
        FunctionCounter.builder("cache.gets", counters, CacheCounters::hits)
                .description("The number of times cache lookup methods have returned a cached value.")
                .tags(tags)
                .tag("result", "hit")
                .register(registry);
        FunctionCounter.builder("cache.gets", counters, CacheCounters::misses)
                .description("The number of times cache lookup methods have not returned a cached value.")
                .tags(tags)
                .tag("result", "miss")
                .register(registry);
        FunctionCounter.builder("cache.puts", counters, CacheCounters::puts)
                .description("The number of entries added to the cache by write-through or write-behind")
                .tags(tags)
                .register(registry);
        FunctionCounter.builder("cache.evictions", counters, CacheCounters::evictions)
                .description("The number of entries evicted for size or expiry")
                .tags(tags)
                .register(registry);
        Gauge.builder("cache.size", counters, CacheCounters::size)
                .description("The number of entries in this JVM's cache (an estimate)")
                .tags(tags)
                .register(registry);
        FunctionCounter.builder("cache.load", counters, CacheCounters::loadSuccesses)
                .description("The number of times cache lookup methods have successfully loaded a new value")
                .tags(tags)
                .tag("result", "success")
                .register(registry);
        FunctionCounter.builder("cache.load", counters, CacheCounters::loadFailures)
                .description("The number of times cache lookup methods threw while loading a new value")
                .tags(tags)
                .tag("result", "failure")
                .register(registry);
        TimeGauge.builder("cache.load.duration", counters, TimeUnit.NANOSECONDS, CacheCounters::loadNanos)
                .description("The time the cache has spent loading new values")
                .tags(tags)
                .register(registry);
    }

    private static void bindLarder(MeterRegistry registry, CacheCounters counters) {
        counter(registry, counters, "larder.hits", "Calls answered from the cache", CacheCounters::hits);
        counter(registry, counters, "larder.misses", "Calls that found nothing cached", CacheCounters::misses);
        counter(registry, counters, "larder.load.failures", "Loads that threw", CacheCounters::loadFailures);
        counter(registry, counters, "larder.evictions", "Entries evicted for size or expiry", CacheCounters::evictions);
        counter(registry, counters, "larder.refreshes", "Refresh-ahead reloads", CacheCounters::refreshes);
        counter(
                registry,
                counters,
                "larder.refresh.failures",
                "Refresh-ahead reloads that threw",
                CacheCounters::refreshFailures);
        counter(
                registry,
                counters,
                "larder.waits",
                "Callers that waited on another caller's load (stampedes absorbed)",
                CacheCounters::waits);
        counter(
                registry,
                counters,
                "larder.puts",
                "Values written by write-through or write-behind",
                CacheCounters::puts);
        counter(registry, counters, "larder.invalidations", "Invalidations", CacheCounters::invalidations);
        counter(
                registry,
                counters,
                "larder.writebehind.queued",
                "Write-behind writes queued",
                CacheCounters::writeBehindQueuedCount);
        counter(
                registry,
                counters,
                "larder.writebehind.coalesced",
                "Write-behind writes replaced by a later one",
                CacheCounters::writeBehindCoalescedCount);
        counter(
                registry,
                counters,
                "larder.writebehind.written",
                "Write-behind writes written",
                CacheCounters::writeBehindWrittenCount);
        counter(
                registry,
                counters,
                "larder.writebehind.batches",
                "Write-behind flush calls",
                CacheCounters::writeBehindBatches);
        counter(
                registry,
                counters,
                "larder.writebehind.retried",
                "Write-behind retries",
                CacheCounters::writeBehindRetriedCount);
        counter(
                registry,
                counters,
                "larder.writebehind.deadlettered",
                "Write-behind writes given up",
                CacheCounters::writeBehindDeadLetteredCount);
        counter(
                registry,
                counters,
                "larder.writebehind.waits",
                "Write-behind writes that found the queue full and waited for room",
                CacheCounters::writeBehindWaitsCount);
        counter(registry, counters, "larder.backend.errors", "Cache backend faults", CacheCounters::backendErrors);
        Gauge.builder("larder.writebehind.depth", counters, c -> c.writeBehindDepth())
                .description("Write-behind writes waiting")
                .tag("cache", counters.cache())
                .register(registry);
        Gauge.builder("larder.breaker.state", counters, c -> c.breakerState())
                .description("Circuit breaker in front of Redis: 0 closed, 1 open, 2 half-open")
                .tag("cache", counters.cache())
                .register(registry);
        FunctionTimer.builder(
                        "larder.backend.calls",
                        counters,
                        CacheCounters::backendCalls,
                        CacheCounters::backendNanos,
                        TimeUnit.NANOSECONDS)
                .description("Calls to the remote backend (Redis) and their latency")
                .tag("cache", counters.cache())
                .register(registry);
        FunctionTimer.builder(
                        "larder.loads", counters, CacheCounters::loads, CacheCounters::loadNanos, TimeUnit.NANOSECONDS)
                .description("Loads of missing values and their time")
                .tag("cache", counters.cache())
                .register(registry);
    }

    private static void counter(
            MeterRegistry registry,
            CacheCounters counters,
            String name,
            String description,
            ToDoubleFunction<CacheCounters> value) {
        FunctionCounter.builder(name, counters, value)
                .description(description)
                .tag("cache", counters.cache())
                .register(registry);
    }
}
