package dev.larder.internal.redis;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stops calls to Redis while it keeps failing, so that callers stop paying its timeout. Closed: every call goes
 * through; {@code threshold} failures in a row open it. Open: calls skip Redis until the cool-down has passed; then one
 * call is let through as a probe (half-open). The probe's success closes the breaker, its failure opens it again for
 * another cool-down. Lock-free; every call that {@link #allow()} let through must report {@link #success()} or
 * {@link #failure()}.
 */
final class CircuitBreaker {
    static final int CLOSED = 0;
    static final int OPEN = 1;
    static final int HALF_OPEN = 2;

    private final int threshold;
    private final long coolDownNanos;
    private final AtomicInteger state = new AtomicInteger(CLOSED);
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicLong openedAt = new AtomicLong();

    CircuitBreaker(int threshold, long coolDownNanos) {
        this.threshold = threshold;
        this.coolDownNanos = coolDownNanos;
    }

    /** Whether a call may go to Redis now; in the open state, true for one probe once the cool-down has passed. */
    boolean allow() {
        int current = state.get();
        if (current == CLOSED) {
            return true;
        }
        long now = System.nanoTime();
        // A probe that never reported (its thread died) must not keep the breaker half-open forever.
        return now - openedAt.get() >= coolDownNanos
                && state.compareAndSet(current, HALF_OPEN)
                && openedAt.compareAndSet(openedAt.get(), now);
    }

    void success() {
        failures.set(0);
        state.set(CLOSED);
    }

    /** Records a failure; returns true when it opened the breaker. */
    boolean failure() {
        if (state.get() == HALF_OPEN || failures.incrementAndGet() >= threshold) {
            openedAt.set(System.nanoTime());
            failures.set(0);
            return state.getAndSet(OPEN) != OPEN;
        }
        return false;
    }

    /** 0 closed, 1 open, 2 half-open. */
    int state() {
        return state.get();
    }
}
