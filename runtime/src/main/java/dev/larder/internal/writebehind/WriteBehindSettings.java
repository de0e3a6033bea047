package dev.larder.internal.writebehind;

import java.time.Duration;
import java.util.Objects;

/**
 * The write-behind settings of one {@code @WriteBehind} method, validated.
 *
 * @param cache the cache name, used in dead letters and log messages
 * @param delay the longest a write waits before it is flushed; zero or more
 * @param batchSize the most writes flushed together; at least 1
 * @param coalesce whether a write to a key still pending replaces the pending write
 * @param maxRetries the retries of a write that fails while the system of record accepts other writes (a row it
 *     rejects) before the write is dead-lettered; failures while it accepts nothing (an outage) do not count; zero or
 *     more
 * @param maxAge how long a write may keep failing, counted from its enqueue: a write that fails when it is older is
 *     dead-lettered, whatever its retries; more than zero
 * @param maxPending the most writes this method's queue holds (queued, being written or waiting for a retry); a
 *     writer finding it full waits for room; at least 1
 */
public record WriteBehindSettings(
        String cache,
        Duration delay,
        int batchSize,
        boolean coalesce,
        int maxRetries,
        Duration maxAge,
        int maxPending) {

    /** Ten minutes: outages of the system of record shorter than this lose no write. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(10);

    /** 100,000 writes: about 45 MB of heap for small rows. */
    public static final int DEFAULT_MAX_PENDING = 100_000;

    public WriteBehindSettings {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(maxAge, "maxAge");
        if (delay.isNegative()) {
            throw new IllegalArgumentException(
                    "@WriteBehind delay of cache '" + cache + "' is " + delay + "; allowed: zero or more");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("@WriteBehind batchSize of cache '" + cache + "' is " + batchSize
                    + "; allowed: 1 to " + Integer.MAX_VALUE);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("@WriteBehind maxRetries of cache '" + cache + "' is " + maxRetries
                    + "; allowed: 0 to " + Integer.MAX_VALUE);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("write-behind maxAge of cache '" + cache + "' is " + maxAge
                    + "; allowed: a duration greater than 0");
        }
        if (maxPending < 1) {
            throw new IllegalArgumentException("write-behind maxPending of cache '" + cache + "' is " + maxPending
                    + "; allowed: 1 to " + Integer.MAX_VALUE);
        }
    }

    /** Settings with the default {@link #DEFAULT_MAX_AGE} and {@link #DEFAULT_MAX_PENDING}. */
    public WriteBehindSettings(String cache, Duration delay, int batchSize, boolean coalesce, int maxRetries) {
        this(cache, delay, batchSize, coalesce, maxRetries, DEFAULT_MAX_AGE, DEFAULT_MAX_PENDING);
    }
}
