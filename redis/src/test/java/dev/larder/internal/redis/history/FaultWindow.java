package dev.larder.internal.redis.history;

/**
 * When a fault lasted, in {@link WallClock} nanoseconds, from its injection to the moment it was healed (the server
 * resumed or answering again, the proxy forwarding, the replica promoted), and which JVMs it cut off from the cache's
 * Redis.
 *
 * @param worker the name of the one worker cut off, or empty when all were
 */
public record FaultWindow(long startNanos, long endNanos, String worker) {
    /** Whether the fault cut off the JVM of the operation's worker ({@code "w0-t3"} is a thread of {@code w0}). */
    boolean cutOff(Operation operation) {
        return worker.isEmpty() || operation.worker().startsWith(worker + "-");
    }

    /** Whether the operation overlapped the fault or the {@code recoveryNanos} after it, within the clocks' margin. */
    boolean overlaps(Operation operation, long recoveryNanos) {
        return operation.endNanos() >= startNanos - HistoryChecker.SKEW_MARGIN_NANOS
                && operation.startNanos() <= endNanos + recoveryNanos + HistoryChecker.SKEW_MARGIN_NANOS;
    }
}
