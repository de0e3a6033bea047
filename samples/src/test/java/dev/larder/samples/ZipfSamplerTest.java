package dev.larder.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfSamplerTest {
    private static final int N = 1_000;
    private static final double S = 1.1;
    private static final int DRAWS = 1_000_000;

    @Test
    void frequenciesFollowZipfsLaw() {
        ZipfSampler zipf = new ZipfSampler(N, S);
        long[] counts = draw(zipf, 7);
        double harmonic = 0;
        for (int k = 1; k <= N; k++) {
            harmonic += Math.pow(k, -S);
        }
        for (int rank : new int[] {0, 1, 2, 9, 99}) {
            double expected = Math.pow(rank + 1, -S) / harmonic;
            assertThat((double) counts[rank] / DRAWS)
                    .as("frequency of rank %d", rank)
                    .isCloseTo(expected, within(expected * 0.05 + 0.0005));
            assertThat(zipf.probability(rank)).isCloseTo(expected, within(1e-12));
        }
        // Rank 1 is drawn 2^s times as often as rank 2.
        assertThat((double) counts[0] / counts[1]).isCloseTo(Math.pow(2, S), within(0.05));
    }

    @Test
    void everyDrawIsARankAndTheLastRankIsReachable() {
        ZipfSampler zipf = new ZipfSampler(3, 0);
        long[] counts = new long[3];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 30_000; i++) {
            counts[zipf.next(random)]++;
        }
        // Exponent 0 is uniform.
        for (long c : counts) {
            assertThat(c).isBetween(9_500L, 10_500L);
        }
    }

    @Test
    void sameSeedGivesSameSequence() {
        ZipfSampler zipf = new ZipfSampler(N, S);
        assertThat(draw(zipf, 99)).isEqualTo(draw(zipf, 99));
    }

    private static long[] draw(ZipfSampler zipf, long seed) {
        long[] counts = new long[zipf.size()];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < DRAWS; i++) {
            counts[zipf.next(random)]++;
        }
        return counts;
    }
}
