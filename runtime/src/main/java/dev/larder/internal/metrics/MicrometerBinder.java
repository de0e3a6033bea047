package dev.larder.internal.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a cache's counters as Micrometer meters named {@code larder.*} with a {@code cache} tag, on Micrometer's
 * global registry. Linking this class needs Micrometer: callers check {@link MicrometerSupport#available()} first.
 */
final class MicrometerBinder {
    private MicrometerBinder() {}

    /** Registers the meters of one cache. Meters read the counters when scraped; nothing is copied per call. */
    static void bind(CacheCounters counters) {
        MeterRegistry registry = Metrics.globalRegistry;
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
