package dev.larder.internal.state;

import dev.larder.internal.log.Logs;
import java.util.concurrent.locks.LockSupport;

/**
 * The daemon thread that sweeps a state's caches at a fixed delay, so expired entries nobody reads again do not hold
 * memory. A plain thread rather than a scheduled executor: it is started with the first cache, on the path of the
 * first cached call, where loading the executor's classes would cost more than the thread itself.
 */
final class Sweeper extends Thread {
    private final Caches caches;
    private final long delayNanos;
    private volatile boolean closed;

    Sweeper(Caches caches, long delayNanos) {
        super("larder-sweeper");
        setDaemon(true);
        this.caches = caches;
        this.delayNanos = delayNanos;
    }

    @Override
    public void run() {
        while (!closed) {
            long deadline = System.nanoTime() + delayNanos;
            long left;
            // parkNanos may return early (spuriously or when unparked): wait out the whole delay unless closed.
            while (!closed && (left = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(this, left);
            }
            if (!closed) {
                sweep();
            }
        }
    }

    private void sweep() {
        try {
            caches.sweep();
        } catch (RuntimeException e) {
            // Sweeping only frees memory early; the next sweep tries again.
            Logs.get("dev.larder").log(System.Logger.Level.WARNING, "sweeping expired cache entries failed", e);
        }
    }

    /** Stops sweeping; a sweep already running finishes. */
    void close() {
        closed = true;
        LockSupport.unpark(this);
    }
}
