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
 * @param maxRetries the retries after the first failed attempt before a write is dead-lettered; zero or more
 */
public record WriteBehindSettings(String cache, Duration delay, int batchSize, boolean coalesce, int maxRetries) {

    public WriteBehindSettings {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(delay, "delay");
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
    }
}
