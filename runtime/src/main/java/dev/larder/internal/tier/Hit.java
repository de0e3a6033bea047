package dev.larder.internal.tier;

import dev.larder.internal.cache.Entry;

/**
 * A value a miss found in Redis, as an entry (kept in L1 when tiered) and the time Redis got it, which a refresh-ahead
 * needs to see whether another refresh replaced it meanwhile.
 */
public record Hit(Entry entry, long writtenAtMillis) {
    /** The {@code writtenAtMillis} of a value that is not from Redis. */
    public static final long NOT_REMOTE = Long.MIN_VALUE;
}
