package dev.larder.internal.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.larder.CacheStats;
import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.SizeEstimate;
import dev.larder.model.CachedSpec;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The size advisor is switched on by configuration, per cache or for all, and its curve reaches {@code CacheStats}. */
class SizeAdvisorWiringTest {
    private static final CachedHandle ADVISED =
            Handles.cached(CachedSpec.of("Test#advised(int)", "advised-wiring", "{id}", "10m"));
    private static final CachedHandle PLAIN =
            Handles.cached(CachedSpec.of("Test#plain(int)", "plain-wiring", "{id}", "10m"));

    @AfterEach
    void defaults() {
        Larder.configure(LarderConfig.defaults());
    }

    @Test
    void perCacheKeyGivesThatCacheACurveOfSixSizes() {
        Larder.configure(LarderConfig.builder()
                .set("larder.cache.advised-wiring.sizeAdvisor", "true")
                .set("larder.cache.advised-wiring.maxSize", "100")
                .build());
        CacheStats before = Larder.stats("advised-wiring"); // counters outlive configure: other tests' reads
        // 50 keys read 10 times each: every size from 50 up misses only the first read of each key
        readRounds(ADVISED, 50, 10);
        readRounds(PLAIN, 50, 10);

        List<SizeEstimate> curve = Larder.stats("advised-wiring").sizeCurve();
        assertThat(curve).extracting(SizeEstimate::maxSize).containsExactly(25L, 50L, 100L, 200L, 400L, 800L);
        assertThat(curve.get(5).hitRatio()).isCloseTo(0.9, within(1e-9));
        assertThat(curve.get(2).hitRatio())
                .isCloseTo(Larder.stats("advised-wiring").hitRatio(), within(1e-9));
        assertThat(curve.get(0).hitRatio()).isLessThan(0.9);
        assertThat(curve.get(5).sampledLookups()).isEqualTo(500);
        assertThat(Larder.stats("plain-wiring").sizeCurve()).isEmpty();
    }

    @Test
    void globalKeyAdvisesEveryCacheAndPerCacheKeyWins() {
        Larder.configure(LarderConfig.builder()
                .set("larder.local.sizeAdvisor", "true")
                .set("larder.cache.plain-wiring.sizeAdvisor", "false")
                .build());
        readRounds(ADVISED, 5, 2);
        readRounds(PLAIN, 5, 2);

        assertThat(Larder.stats("advised-wiring").sizeCurve()).hasSize(6);
        assertThat(Larder.stats("plain-wiring").sizeCurve()).isEmpty();
    }

    @Test
    void invalidationsMissInTheSimulationAsInTheCache() {
        Larder.configure(LarderConfig.builder()
                .set("larder.cache.advised-wiring.sizeAdvisor", "true")
                .set("larder.cache.advised-wiring.maxSize", "100")
                .build());
        CacheStats before = Larder.stats("advised-wiring");
        // each round reads every key twice, then the round's keys are invalidated: one key at a time on even rounds,
        // all at once on odd ones; only the second read of each key hits, whatever the size
        for (int round = 0; round < 10; round++) {
            readRounds(ADVISED, 50, 1);
            readRounds(ADVISED, 50, 1);
            if (round % 2 == 0) {
                for (int id = 0; id < 50; id++) {
                    Larder.invalidate("advised-wiring", id);
                }
            } else {
                Larder.invalidateAll("advised-wiring");
            }
        }

        assertThat(Larder.stats("advised-wiring").since(before).hitRatio()).isCloseTo(0.5, within(1e-9));
        for (SizeEstimate estimate : Larder.stats("advised-wiring").sizeCurve()) {
            if (estimate.maxSize() >= 100) {
                assertThat(estimate.hitRatio()).as("at %d", estimate.maxSize()).isCloseTo(0.5, within(1e-9));
            }
        }
    }

    @Test
    void aHitShowsItselfToTheAdvisorWithoutHashingItsKey() {
        Larder.configure(LarderConfig.builder()
                .set("larder.cache.advised-wiring.sizeAdvisor", "true")
                .set("larder.cache.advised-wiring.maxSize", "100") // every key sampled
                .build());
        CountingKey key = new CountingKey(7);
        assertThat(ADVISED.get(key)).isSameAs(CachedHandle.MISS);
        assertThat(ADVISED.load(key, () -> "seven")).isEqualTo("seven");
        int hashesBefore = key.hashes;

        for (int i = 0; i < 1_000; i++) {
            assertThat(ADVISED.get(key)).isEqualTo("seven");
        }

        // the cache's own lookup hashes the key once per hit; the advisor reads its sample from the entry
        assertThat(key.hashes - hashesBefore).isEqualTo(1_000);
        assertThat(Larder.stats("advised-wiring").sizeCurve().get(0).sampledLookups())
                .isEqualTo(1_001);
    }

    /** A key that counts the calls of its {@code hashCode}. One test thread uses it. */
    private static final class CountingKey {
        private final int id;
        int hashes;

        CountingKey(int id) {
            this.id = id;
        }

        @Override
        public int hashCode() {
            hashes++;
            return id;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof CountingKey that && that.id == id;
        }
    }

    private static void readRounds(CachedHandle handle, int keys, int rounds) {
        for (int round = 0; round < rounds; round++) {
            for (int id = 0; id < keys; id++) {
                Object key = handle.key(id);
                if (handle.get(key) == CachedHandle.MISS) {
                    int value = id;
                    handle.load(key, () -> value);
                }
            }
        }
    }
}
