package dev.larder.internal.redis;

import org.jspecify.annotations.Nullable;

/**
 * A value read from Redis, with when it was written (epoch milliseconds) and how long its load took.
 *
 * @param value the decoded value; null when a null result was cached
 */
public record RemoteValue(@Nullable Object value, long writtenAtMillis, long loadNanos) {}
