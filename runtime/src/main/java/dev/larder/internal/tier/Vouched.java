package dev.larder.internal.tier;

/**
 * Attached to a redis-backend load in flight ({@code InFlight#attach}): its value was current in Redis when the Redis
 * call that vouches for it (the lookup that found it, or the store under the load's lease) reached the server, and
 * that call began at {@code sinceNanos} ({@link System#nanoTime()}). A caller that joins the load may take the value
 * only if it started before then: a change that another JVM made before the caller started reached Redis before that
 * call did, so the call saw it.
 */
public record Vouched(long sinceNanos) {
    /** Whether a caller that started at {@code startedNanos} may take the value. */
    public boolean covers(long startedNanos) {
        return startedNanos - sinceNanos < 0;
    }
}
