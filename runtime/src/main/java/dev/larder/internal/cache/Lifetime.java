package dev.larder.internal.cache;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How long the values one method stores live, with TTL jitter: each store draws its own lifetime, the TTL less a
 * uniformly random part of up to {@code jitterNanos}, so that entries stored together do not expire together and the
 * TTL stays an upper bound. Immutable and thread-safe.
 *
 * @param ttlNanos the TTL ({@link Entry#NO_EXPIRY} for none)
 * @param jitterNanos the most a store takes off the TTL, 0 for no jitter (always 0 without expiry)
 */
public record Lifetime(long ttlNanos, long jitterNanos) {
    public Lifetime {
        if (jitterNanos < 0 || (ttlNanos != Entry.NO_EXPIRY && jitterNanos > ttlNanos)) {
            throw new IllegalArgumentException(
                    "jitter " + jitterNanos + " ns outside 0 to the TTL " + ttlNanos + " ns");
        }
    }

    /** A lifetime of {@code ttlNanos} less up to {@code fraction} of it. */
    public static Lifetime of(long ttlNanos, double fraction) {
        return new Lifetime(ttlNanos, ttlNanos == Entry.NO_EXPIRY ? 0 : (long) (ttlNanos * fraction));
    }

    /**
     * The lifetime of one store: the TTL less a uniform random part of up to the jitter, never less than 1 ns (a TTL of
     * 0 means no expiry elsewhere).
     */
    public long draw() {
        if (jitterNanos == 0) {
            return ttlNanos;
        }
        return Math.max(1, ttlNanos - ThreadLocalRandom.current().nextLong(jitterNanos + 1));
    }

    /** The shortest lifetime a store may draw: what a copy of a value whose own draw is unknown may live. */
    public long shortest() {
        return jitterNanos == 0 ? ttlNanos : Math.max(1, ttlNanos - jitterNanos);
    }
}
