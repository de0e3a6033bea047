package dev.larder.internal.writebehind;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: before retry {@code n} (1-based) a write waits a uniformly random time in
 * {@code [0, min(cap, base × 2^(n-1))]}. Full jitter spreads the retries of writes that failed together, so a system
 * of record that comes back is not hit by all of them at once.
 *
 * @param base the bound of the first retry's wait; positive
 * @param cap the largest bound; at least {@code base}
 */
public record RetryBackoff(Duration base, Duration cap) {

    /** 100 ms, doubling, capped at 30 s. */
    public static final RetryBackoff DEFAULT = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(30));

    public RetryBackoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("retry backoff base is " + base + "; allowed: more than zero");
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("retry backoff cap is " + cap + "; allowed: at least the base, " + base);
        }
    }

    /** The wait before retry {@code retry} (1 for the first retry), in nanoseconds. */
    long delayNanos(int retry) {
        long capNanos = cap.toNanos();
        int shift = Math.min(Math.max(retry - 1, 0), 62);
        long bound = base.toNanos() > (capNanos >> shift) ? capNanos : base.toNanos() << shift;
        return ThreadLocalRandom.current().nextLong(bound + 1);
    }
}
