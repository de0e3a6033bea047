package dev.larder.internal.writebehind.journal;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Group commit: appenders that wait for their records to reach the disk share one fsync. One waiter at a time is the
 * leader and forces the file for every record appended so far; the others park meanwhile and, woken all at once when
 * the force is done, return if it covered their record, or one of them leads the next force for everyone who came
 * since. No thread waits on a timer, so a lone appender pays one fsync and no more; waking the followers together
 * (rather than handing a lock from one to the next) keeps a busy machine from serialising them.
 */
final class GroupCommit {

    /** Forces what is written; returns the highest sequence that is durable once it returns. */
    interface Force {
        long force() throws IOException;
    }

    /** Bounds a park in case a wake-up is missed; a follower then simply looks again. */
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Force force;
    private final AtomicBoolean forcing = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Thread> waiting = new ConcurrentLinkedQueue<>();
    private volatile long durable;

    GroupCommit(Force force) {
        this.force = force;
    }

    /** Returns once the record with this sequence is on the disk; throws what the force threw if it led one. */
    void await(long sequence) throws IOException {
        while (durable < sequence) {
            if (forcing.compareAndSet(false, true)) {
                try {
                    if (durable < sequence) {
                        long reached = force.force();
                        if (reached > durable) {
                            durable = reached;
                        }
                    }
                } finally {
                    forcing.set(false);
                    wakeAll();
                }
            } else {
                waiting.add(Thread.currentThread());
                // Queued before looking: a leader finishing after this look unparks this thread.
                if (forcing.get() && durable < sequence) {
                    LockSupport.parkNanos(this, PARK_NANOS);
                }
            }
        }
    }

    private void wakeAll() {
        for (Thread thread = waiting.poll(); thread != null; thread = waiting.poll()) {
            LockSupport.unpark(thread);
        }
    }
}
