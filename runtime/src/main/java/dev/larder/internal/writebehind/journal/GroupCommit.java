package dev.larder.internal.writebehind.journal;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: appenders that wait for their records to reach the disk share one fsync. One waiter at a time forces
 * the file, for every record written before the force began; the others wait for the lock meanwhile and, once they
 * have it, return at once when that force covered their record, or force again for everyone who came since. No thread
 * waits on a timer, so a lone appender pays one fsync and no more.
 */
final class GroupCommit {

    /** Forces what is written; returns the highest sequence that is durable once it returns. */
    interface Force {
        long force() throws IOException;
    }

    private final Force force;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long durable;

    GroupCommit(Force force) {
        this.force = force;
    }

    /** Returns once the record with this sequence is on the disk. */
    void await(long sequence) throws IOException {
        if (durable >= sequence) {
            return;
        }
        lock.lock();
        try {
            if (durable < sequence) {
                durable = Math.max(durable, force.force());
            }
        } finally {
            lock.unlock();
        }
    }
}
