package dev.larder.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The first seconds of a shop's traffic after a start: book lookups ({@link Bookshop#findBook}) at a steady rate,
 * books drawn by popularity as in the {@link Workload}, for a fixed time. For each interval it counts the requests and
 * those answered without a database statement on the requesting thread: the hit ratio the shop's visitors saw. (A
 * request that waited for another request's load of the same book counts as answered; at the rates used here two
 * requests rarely miss the same book at once.) Equal seeds send equal requests.
 */
public final class FirstSeconds {
    private final Workload workload;
    private final int threads;
    private final int perSecond;
    private final long durationNanos;
    private final long intervalNanos;
    private final long randomSeed;

    /**
     * @param workload draws the books
     * @param threads request threads
     * @param perSecond requests a second, all threads together
     * @param durationMillis how long the traffic lasts
     * @param intervalMillis the width of one interval of the result
     * @param randomSeed seeds every thread's draws
     */
    FirstSeconds(
            Workload workload, int threads, int perSecond, long durationMillis, long intervalMillis, long randomSeed) {
        if (threads < 1 || perSecond < 1 || intervalMillis < 1 || durationMillis < intervalMillis) {
            throw new IllegalArgumentException("threads, rate and interval must be at least 1 and the duration at"
                    + " least one interval, were " + threads + ", " + perSecond + ", " + intervalMillis + " and "
                    + durationMillis);
        }
        this.workload = Objects.requireNonNull(workload, "workload");
        this.threads = threads;
        this.perSecond = perSecond;
        this.durationNanos = durationMillis * 1_000_000;
        this.intervalNanos = intervalMillis * 1_000_000;
        this.randomSeed = randomSeed;
    }

    /** Sends the traffic to {@code catalog} and returns what each interval saw. A request that throws is rethrown. */
    Result measure(Bookshop catalog) throws InterruptedException {
        int intervals = (int) (durationNanos / intervalNanos);
        AtomicLongArray requests = new AtomicLongArray(intervals);
        AtomicLongArray answered = new AtomicLongArray(intervals);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        long spacing = 1_000_000_000L * threads / perSecond; // between two requests of one thread
        long[] began = new long[1];
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            SplittableRandom random = new SplittableRandom(randomSeed * 31 + t);
            Thread worker = new Thread(
                    () -> {
                        try {
                            start.await();
                            long offset = spacing * thread / threads;
                            for (long due = offset; due < durationNanos; due += spacing) {
                                // Pacing, not synchronisation: the traffic arrives at a steady rate.
                                for (long wait = began[0] + due - System.nanoTime();
                                        wait > 0;
                                        wait = began[0] + due - System.nanoTime()) {
                                    LockSupport.parkNanos(wait);
                                }
                                long id = workload.drawBook(random);
                                long inDatabase = Database.nanosOnThisThread();
                                catalog.findBook(id);
                                int interval = (int) (due / intervalNanos);
                                requests.incrementAndGet(interval);
                                if (Database.nanosOnThisThread() == inDatabase) {
                                    answered.incrementAndGet(interval);
                                }
                            }
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    },
                    "shop-restart-" + t);
            running.add(worker);
            worker.start();
        }
        began[0] = System.nanoTime();
        start.countDown(); // publishes began[0] to the workers
        for (Thread worker : running) {
            worker.join();
        }
        Throwable failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("the traffic after the restart failed: " + failed, failed);
        }
        long[] sent = new long[intervals];
        long[] fromCache = new long[intervals];
        for (int i = 0; i < intervals; i++) {
            sent[i] = requests.get(i);
            fromCache[i] = answered.get(i);
        }
        return new Result(intervalNanos / 1_000_000, sent, fromCache);
    }

    /**
     * Requests and requests answered without the database, interval by interval from the start.
     *
     * @param intervalMillis the width of an interval
     * @param requests requests sent in each interval
     * @param answered those answered without a database statement
     */
    public record Result(long intervalMillis, long[] requests, long[] answered) {
        /** The share of the requests of interval {@code i} answered without the database. */
        public double hitRatio(int i) {
            return requests[i] == 0 ? 0 : (double) answered[i] / requests[i];
        }

        /** The share of the requests of the first {@code millis} answered without the database. */
        public double hitRatioOfFirst(long millis) {
            long sent = 0;
            long fromCache = 0;
            for (int i = 0; i < requests.length && i * intervalMillis < millis; i++) {
                sent += requests[i];
                fromCache += answered[i];
            }
            return sent == 0 ? 0 : (double) fromCache / sent;
        }

        /** Requests sent in all. */
        public long total() {
            long sum = 0;
            for (long r : requests) {
                sum += r;
            }
            return sum;
        }

        /** How long the traffic lasted. */
        public long millis() {
            return intervalMillis * requests.length;
        }
    }
}
