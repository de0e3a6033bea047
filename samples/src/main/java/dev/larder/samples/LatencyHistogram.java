package dev.larder.samples;

/**
 * A histogram of latencies in nanoseconds with log-linear buckets: each power of two is split into 32 buckets, so any
 * value is known within about 3%, from 1 ns up to centuries, in 1,888 counters. Not thread-safe: each worker thread
 * records into its own and the results are {@link #add}ed.
 */
public final class LatencyHistogram {
    private static final int SUB_BITS = 5;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;
    private static final int BUCKETS = (63 - SUB_BITS + 1) * SUB_BUCKETS;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max;

    /** Records one value; negative values count as 0. */
    public void record(long nanos) {
        long value = Math.max(0, nanos);
        counts[index(value)]++;
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    /** Adds another histogram's values to this one. */
    public void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    /** Values recorded. */
    public long count() {
        return count;
    }

    /** The mean, 0 when empty. */
    public double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }

    /** The largest value, 0 when empty. */
    public long max() {
        return max;
    }

    /**
     * The value at or below which the given fraction of values lie, within the bucket precision: the middle of the
     * bucket holding that value, kept within the smallest and largest values seen. 0 when empty.
     *
     * @param fraction from 0 to 1, for example 0.999 for p99.9
     */
    public long percentile(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be from 0 to 1, was " + fraction);
        }
        if (count == 0) {
            return 0;
        }
        if (fraction == 1) {
            return max;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                long middle = lowerBound(i) + (upperBound(i) - lowerBound(i)) / 2;
                return Math.min(max, Math.max(min, middle));
            }
        }
        return max;
    }

    /** The count of values in each bucket that holds any, as (upper bound, count) pairs in order. */
    public long[][] buckets() {
        int used = 0;
        for (long c : counts) {
            if (c > 0) {
                used++;
            }
        }
        long[][] result = new long[used][];
        int j = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] > 0) {
                result[j++] = new long[] {upperBound(i), counts[i]};
            }
        }
        return result;
    }

    static int index(long value) {
        if (value < SUB_BUCKETS) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int shift = exponent - SUB_BITS;
        int mantissa = (int) (value >>> shift); // from SUB_BUCKETS to 2 * SUB_BUCKETS - 1
        return (shift + 1) * SUB_BUCKETS + mantissa - SUB_BUCKETS;
    }

    static long lowerBound(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int shift = index / SUB_BUCKETS - 1;
        long mantissa = index % SUB_BUCKETS + SUB_BUCKETS;
        return mantissa << shift;
    }

    static long upperBound(int index) {
        return index + 1 < BUCKETS ? lowerBound(index + 1) - 1 : Long.MAX_VALUE;
    }
}
