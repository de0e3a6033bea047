package dev.larder.internal.clock;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.locks.LockSupport;

/**
 * A clock that a daemon thread advances about once a millisecond, so that reading it costs one volatile load instead
 * of a {@code System.nanoTime()} call (about half the cost of a whole cache hit). Millisecond precision is plenty for
 * cache lifetimes; the value only ever moves forward.
 */
public final class CoarseTicker implements Ticker {
    public static final CoarseTicker INSTANCE = new CoarseTicker();
    private static final long TICK_NANOS = 1_000_000L;

    private volatile long nanos = System.nanoTime();

    private CoarseTicker() {
        new Advancer(this).start();
    }

    /** The current time in nanoseconds, on {@code System.nanoTime()}'s scale, at most about a millisecond behind. */
    public static long now() {
        return INSTANCE.nanos;
    }

    @Override
    public long read() {
        return nanos;
    }

    /** The daemon thread that advances the clock. */
    private static final class Advancer extends Thread {
        private final CoarseTicker clock;

        Advancer(CoarseTicker clock) {
            super("larder-clock");
            setDaemon(true);
            this.clock = clock;
        }

        @Override
        public void run() {
            while (true) {
                LockSupport.parkNanos(TICK_NANOS);
                clock.nanos = System.nanoTime();
            }
        }
    }
}
