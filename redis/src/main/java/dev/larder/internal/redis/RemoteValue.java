package dev.larder.internal.redis;

import org.jspecify.annotations.Nullable;

/**
 * A value read from Redis, with when it was written (epoch milliseconds) and how long its load took.
 *
 * @param value the decoded value; null when a null result was cached
 * @param tagsSince for a tagged method's value, the Redis tag clock read before its load ran (see {@link RedisTier})
 * @param tags the value's tags; null for an untagged value
 */
public record RemoteValue(
        @Nullable Object value, long writtenAtMillis, long loadNanos, long tagsSince, String @Nullable [] tags) {

    /** An untagged value. */
    public RemoteValue(@Nullable Object value, long writtenAtMillis, long loadNanos) {
        this(value, writtenAtMillis, loadNanos, 0, null);
    }
}
