package dev.larder.internal.redis.history;

import java.time.Instant;

/**
 * Wall-clock nanoseconds that never go backwards within a JVM: {@link System#nanoTime()} shifted once onto the
 * epoch by {@link Instant#now()}. JVMs on one machine read the same system clock, so their readings agree to within
 * the anchoring error (microseconds) plus any clock adjustment during the run (NTP slews at most 0.5 ms/s); {@link
 * HistoryChecker#SKEW_MARGIN_NANOS} covers both. Used only for the staleness bound, never for ordering (see {@link
 * HistoryChecker}).
 */
final class WallClock {
    private static final long OFFSET = anchor();

    private WallClock() {}

    static long nanos() {
        return System.nanoTime() + OFFSET;
    }

    /** The offset with the smallest sampling gap of a few tries, so the anchor's error is a few microseconds. */
    private static long anchor() {
        long best = 0;
        long bestGap = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            long before = System.nanoTime();
            Instant now = Instant.now();
            long after = System.nanoTime();
            if (after - before < bestGap) {
                bestGap = after - before;
                best = now.getEpochSecond() * 1_000_000_000L + now.getNano() - (before + (after - before) / 2);
            }
        }
        return best;
    }
}
