package dev.larder.it;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls for a condition that becomes true with time (an expiry, a background refresh) until a deadline, instead of
 * sleeping for a guessed time.
 */
public final class Eventually {
    /** How long a condition may take before the test fails; generous, since a slow machine must not fail the suite. */
    public static final Duration DEADLINE = Duration.ofSeconds(10);

    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();

    private Eventually() {}

    /** Returns once {@code condition} holds; fails with {@code what} when it does not within the deadline. */
    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Not within " + DEADLINE + ": " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Returns the first value of {@code read} that equals {@code expected}; fails with the last one seen. */
    public static <T> T returns(T expected, Supplier<T> read) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        T seen;
        while (!expected.equals(seen = read.get())) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Not within " + DEADLINE + ": expected " + expected + " but still " + seen);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return seen;
    }
}
