package dev.larder.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.internal.advisor.SizeAdvisor;
import dev.larder.internal.clock.CoarseTicker;
import dev.larder.internal.metrics.CacheCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Invalidate-all replaces the cache's generation: no value loaded before it is served after it returns, however many
 * loads race with it, and everything that reads the cache (size, eviction count, warm-restart ranking, sweep, sampled
 * hits) follows the new generation without the counters starting over.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalCacheInvalidateAllTest {
    private static final int THREADS = 8;
    private static final int KEYS = 16;
    private static final int ROUNDS = 3_000;

    /**
     * The source holds a version; each round bumps it, then invalidates all, then publishes it as the floor. A load
     * reads the version after registering, as a real load runs its method; a reader that sees floor {@code f} must
     * never be served a version below {@code f}.
     */
    @Test
    void invalidateAllRacingManyLoadsNeverServesAValueLoadedBeforeIt() throws Exception {
        LocalCache cache = new LocalCache("race-all", 1_000, new CacheCounters("race-all"));
        AtomicInteger source = new AtomicInteger();
        AtomicInteger floor = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        LongAdder hits = new LongAdder();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        CyclicBarrier start = new CyclicBarrier(THREADS + 1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                readers.add(pool.submit(() -> {
                    start.await();
                    for (int i = first; !done.get(); i++) {
                        Integer key = i % KEYS;
                        int least = floor.get();
                        Entry entry = cache.get(key);
                        if (entry == null) {
                            load(cache, key, source);
                        } else if ((int) entry.value() < least) {
                            violations.add("key " + key + " served " + entry.value() + " after " + least);
                        } else {
                            hits.increment();
                        }
                    }
                    return null;
                }));
            }
            start.await(10, TimeUnit.SECONDS);
            for (int round = 0; round < ROUNDS && violations.isEmpty(); round++) {
                int version = source.incrementAndGet();
                cache.invalidateAll();
                floor.set(version);
                for (int key = 0; key < KEYS; key++) {
                    Entry entry = cache.get(key);
                    if (entry != null && (int) entry.value() < version) {
                        violations.add("key " + key + " served " + entry.value() + " right after " + version);
                    }
                }
            }
            done.set(true);
            for (Future<?> reader : readers) {
                reader.get(10, TimeUnit.SECONDS);
            }
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
        assertThat(violations).isEmpty();
        assertThat(hits.sum())
                .as("loads stored values between the invalidations")
                .isPositive();

        load(cache, 0, source);
        assertThat(cache.get(0))
                .as("a load after the last invalidate-all stores")
                .isNotNull();
        assertThat(cache.get(0).value()).isEqualTo(source.get());
    }

    /**
     * The state the race above can reach only in the instant between invalidate-all's swap and its clear of the loads
     * in flight, made on purpose: a load of the old epoch is still registered when it finishes. It must store nothing.
     */
    @Test
    void aLoadOfTheEpochBeforeInvalidateAllStoresNothingEvenWhileRegistered() {
        LocalCache cache = new LocalCache("epoch-all", 100, new CacheCounters("epoch-all"));
        InFlight load = cache.newLoad();
        cache.invalidateAll();
        assertThat(cache.register("k", load)).isNull();

        boolean current = cache.finish("k", load, cache.entryFor("k", load, "old", Entry.NO_EXPIRY, 0));

        assertThat(current).isFalse();
        assertThat(cache.get("k")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void sizeAndEvictionsFollowTheNewGenerationAndTheCountRunsOn() {
        CacheCounters counters = new CacheCounters("after-all");
        LocalCache cache = new LocalCache("after-all", 10, counters);
        fill(cache, 0, 100);
        long evicted = counters.evictions();
        assertThat(evicted).isGreaterThanOrEqualTo(90);

        cache.invalidateAll();
        assertThat(cache.size()).isZero();
        assertThat(counters.size()).isZero();
        assertThat(counters.evictions())
                .as("dropping the entries is no eviction, and the count does not start over")
                .isEqualTo(evicted);
        assertThat(counters.invalidations()).isOne();

        fill(cache, 100, 105);
        assertThat(cache.size()).isEqualTo(5);
        assertThat(counters.size()).isEqualTo(5);
        fill(cache, 105, 200);
        assertThat(counters.evictions()).isGreaterThanOrEqualTo(evicted + 85);
        assertThat(cache.size()).isEqualTo(10);
    }

    @Test
    void warmRankingHoldsOnlyTheKeysStoredSinceInvalidateAll() {
        LocalCache cache = new LocalCache("ranked-all", 100, new CacheCounters("ranked-all"));
        fill(cache, 0, 50);
        readRepeatedly(cache, 0, 50);
        cache.invalidateAll();
        fill(cache, 50, 60);
        readRepeatedly(cache, 50, 60);

        assertThat(cache.hottest(100)).containsExactlyInAnyOrderElementsOf(range(50, 60));
    }

    @Test
    void sweepRemovesTheExpiredEntriesOfTheNewGeneration() {
        CacheCounters counters = new CacheCounters("swept-all");
        LocalCache cache = new LocalCache("swept-all", 100, counters);
        fill(cache, 0, 10);
        cache.invalidateAll();
        Entry expiring = cache.put("short", "S", 1);
        cache.put("long", "L", Entry.NO_EXPIRY);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (CoarseTicker.now() < expiring.expiresAt() && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // the coarse clock advances every millisecond
        }

        cache.sweep();

        assertThat(cache.get("long")).isNotNull();
        assertThat(cache.size()).isOne();
        assertThat(counters.evictions()).isOne();
    }

    @Test
    void hitsOnSampledKeysReachTheAdvisorAfterInvalidateAll() {
        CacheCounters counters = new CacheCounters("sampled-all");
        SizeAdvisor advisor = new SizeAdvisor(1_000_000, counters::lookups, Runnable::run);
        LocalCache cache = new LocalCache("sampled-all", 1_000_000, counters, advisor);
        Integer key = IntStream.range(0, 100_000)
                .filter(k -> advisor.sampleOf(k) != 0)
                .boxed()
                .findFirst()
                .orElseThrow();
        cache.put(key, "v", Entry.NO_EXPIRY);
        cache.invalidateAll();
        Entry entry = cache.put(key, "v", Entry.NO_EXPIRY);
        assertThat(entry).isInstanceOf(SampledEntry.class);

        advisor.drain();
        long before = advisor.sampledLookups();
        for (int i = 0; i < 10; i++) {
            cache.sampleHit(cache.get(key));
        }
        advisor.drain();
        assertThat(advisor.sampledLookups() - before).isEqualTo(10);
    }

    /** What a tier does on a miss: registers a load, runs the "method" (reads the source), stores through finish. */
    private static void load(LocalCache cache, Integer key, AtomicInteger source) {
        InFlight load = cache.newLoad();
        if (cache.register(key, load) != null) {
            return;
        }
        int value = source.get();
        cache.finish(key, load, cache.entryFor(key, load, value, Entry.NO_EXPIRY, 0));
        load.complete(value);
    }

    /** Puts keys {@code from} to {@code to} (exclusive), then lets Caffeine finish what the writes left pending. */
    private static void fill(LocalCache cache, int from, int to) {
        for (int key = from; key < to; key++) {
            cache.put(key, "v" + key, Entry.NO_EXPIRY);
        }
        cache.hottest(0); // drains Caffeine's buffers: size evictions are done when it returns
    }

    private static void readRepeatedly(LocalCache cache, int from, int to) {
        for (int round = 0; round < 20; round++) {
            for (int key = from; key < to; key++) {
                assertThat(cache.get(key)).isNotNull();
            }
        }
    }

    private static List<Object> range(int from, int to) {
        return IntStream.range(from, to).boxed().map(Object.class::cast).toList();
    }
}
