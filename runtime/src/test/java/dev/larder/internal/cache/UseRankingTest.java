package dev.larder.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.internal.metrics.CacheCounters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The warm-restart ranking of a cache far below its maximum size (the usual case, where Caffeine's own frequency
 * sketch is not yet sized and knows no frequencies) records the keys that really are looked up most.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UseRankingTest {
    private static final int MAX_SIZE = 10_000;
    private static final int KEYS = 5_000;
    private static final int RECORDED = 1_000;
    private static final int LOOKUPS = 300_000;

    /** Keys by popularity: {@code BY_RANK.get(0)} is looked up most. Shuffled, so that popularity is not key order. */
    private static final List<Integer> BY_RANK = shuffledKeys();

    private static List<Integer> shuffledKeys() {
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            keys.add(i * 7919);
        }
        Collections.shuffle(keys, new Random(42));
        return List.copyOf(keys);
    }

    @Test
    void halfEmptyCacheRecordsTheKeysLookedUpMost() {
        LocalCache cache = new LocalCache("ranked-by-use", MAX_SIZE, new CacheCounters("ranked-by-use"));
        cache.rankByUse(RECORDED);
        zipfLookups(cache, new Random(7));

        List<Object> recorded = cache.hottest(RECORDED);

        assertThat(recorded).hasSize(RECORDED).doesNotHaveDuplicates();
        assertThat(among(recorded, 100)).as("of the 100 hottest keys").isGreaterThanOrEqualTo(80);
        assertThat(among(recorded, 1_000)).as("of the 1,000 hottest keys").isGreaterThanOrEqualTo(700);
    }

    @Test
    void hottestComesFirstAndExpiredOrAbsentKeysAreNotRanked() {
        LocalCache cache = new LocalCache("ranked-order", MAX_SIZE, new CacheCounters("ranked-order"));
        cache.rankByUse(10);
        cache.put("hot", "v", Entry.NO_EXPIRY);
        cache.put("warm", "v", Entry.NO_EXPIRY);
        cache.put("gone", "v", 0); // expires at once
        for (int i = 0; i < 12; i++) {
            cache.used("hot");
            cache.used("gone");
        }
        for (int i = 0; i < 5; i++) {
            cache.used("warm");
        }
        cache.sample("absent");

        assertThat(cache.hottest(10)).containsExactly("hot", "warm");
        assertThat(cache.hottest(1)).containsExactly("hot");
    }

    @Test
    void countersStopAtFifteenAndHalvingAgesThem() {
        UseSketch sketch = new UseSketch(1, 100); // a period of 16 increments
        for (int i = 0; i < 15; i++) {
            sketch.increment("a");
        }
        assertThat(sketch.estimate("a")).isEqualTo(UseSketch.MAX_COUNT);
        sketch.increment("a"); // saturated: not counted towards the period
        assertThat(sketch.estimate("b")).isZero();
        sketch.increment("b"); // the 16th increment that raised a counter: every counter is halved
        assertThat(sketch.estimate("a")).isEqualTo(7);
        assertThat(sketch.estimate("b")).isZero();
    }

    @Test
    void unboundedCacheGetsABoundedSketchThatStillRanks() {
        UseSketch sketch = new UseSketch(1_000, Long.MAX_VALUE);
        for (int i = 0; i < 10; i++) {
            sketch.increment("hot");
        }
        for (int i = 0; i < 3_000; i++) {
            sketch.increment("once-" + i);
        }
        assertThat(sketch.estimate("hot")).isEqualTo(10);
        assertThat(sketch.estimate("never"))
                .as("rows wide enough for 3,000 keys")
                .isZero();
    }

    /** Zipf (s = 1) lookups as a cached method makes them: a hit counts as used, a miss samples and stores. */
    private static void zipfLookups(LocalCache cache, Random random) {
        double[] cumulative = new double[KEYS];
        double sum = 0;
        for (int rank = 0; rank < KEYS; rank++) {
            sum += 1.0 / (rank + 1);
            cumulative[rank] = sum;
        }
        for (int i = 0; i < LOOKUPS; i++) {
            int rank = java.util.Arrays.binarySearch(cumulative, random.nextDouble() * sum);
            Integer key = BY_RANK.get(rank < 0 ? -rank - 1 : rank);
            if (cache.get(key) == null) {
                cache.sample(key);
                cache.put(key, key, Entry.NO_EXPIRY);
            } else {
                cache.used(key);
            }
        }
    }

    private static long among(List<Object> recorded, int top) {
        Set<Object> hottest = new HashSet<>(BY_RANK.subList(0, top));
        return recorded.stream().filter(hottest::contains).count();
    }
}
