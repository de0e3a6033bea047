package dev.larder.samples;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws ranks 0 to n-1 with Zipf's law: rank k (from 1) has probability proportional to 1/k^s. Shop traffic is like
 * that: a few books get most visits. Inverse-transform sampling over a precomputed cumulative table: one random number
 * and a binary search per draw. Immutable and thread-safe; the caller brings its own random source, so a seeded source
 * gives a repeatable sequence.
 */
public final class ZipfSampler {
    private final double[] cumulative;
    private final double exponent;

    /**
     * @param n the number of ranks, at least 1
     * @param exponent the exponent s, 0 or more (0 is uniform)
     */
    public ZipfSampler(int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        if (!(exponent >= 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("exponent must be a finite number 0 or more, was " + exponent);
        }
        this.exponent = exponent;
        this.cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1 / Math.pow(k + 1, exponent);
            cumulative[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cumulative[k] /= sum;
        }
        cumulative[n - 1] = 1.0;
    }

    /** The number of ranks. */
    public int size() {
        return cumulative.length;
    }

    /** The exponent. */
    public double exponent() {
        return exponent;
    }

    /** A rank from 0 (the most likely) to {@code size() - 1}. */
    public int next(SplittableRandom random) {
        double u = random.nextDouble();
        int i = Arrays.binarySearch(cumulative, u);
        // Not found gives -(insertion point) - 1; the insertion point is the first entry above u.
        return i >= 0 ? i : -i - 1;
    }

    /** The probability of a rank. */
    public double probability(int rank) {
        return rank == 0 ? cumulative[0] : cumulative[rank] - cumulative[rank - 1];
    }
}
