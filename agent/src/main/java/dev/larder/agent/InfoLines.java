package dev.larder.agent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Logs the agent's INFO lines, in the order given, on a daemon thread of its own, started with the first line. The
 * first line logged starts the logging system (java.util.logging by default: its configuration, console handler and
 * formatter, with dates, time zones, locale data, resource bundles and regular expressions: about 230 classes and
 * 0.1 to 0.2 s of CPU), which takes long enough to matter at start-up; here no application thread waits for it.
 *
 * <p>The lines are held until the application's start-up is over: until no class was loaded (woven or not) for a quiet
 * period (1 s), and at most 10 s after the first line; then they are logged, and later lines at once. So the logging system
 * is not started by the agent while the application starts, when classes load on every core (unless the agent logged
 * a problem, which started it: {@link #release}); a JVM that ends while the
 * lines are held never starts it: {@link #atShutdown} hands them back for standard error. {@link #await} (the timed
 * summary) logs them at once and lets the summary follow the lines it counts. Thread-safe.
 */
final class InfoLines implements Runnable {
    /** How long no class may be woven before held lines are logged. */
    static final long QUIET_MILLIS = 1_000;
    /** The longest a line is held after the first one. */
    static final long MAX_HOLD_MILLIS = 10_000;

    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final long quietNanos;
    private final long maxHoldNanos;
    private boolean started;
    /** Whether the lines go to the logging system as they come: the start-up's weaving was quiet, or a summary asked. */
    private boolean released;

    private long firstNanos;
    private long lastNanos;
    /** When a class last loaded; written on every class load, so a plain volatile store rather than the lock. */
    private volatile long loadedNanos;

    private long added;
    private long logged;

    InfoLines() {
        this(QUIET_MILLIS, MAX_HOLD_MILLIS);
    }

    /** With other hold times, for tests. */
    InfoLines(long quietMillis, long maxHoldMillis) {
        this.quietNanos = quietMillis * 1_000_000L;
        this.maxHoldNanos = maxHoldMillis * 1_000_000L;
    }

    /** Queues {@code line} to be logged at INFO; never blocks on the logging system. */
    void add(String line) {
        boolean start;
        long now = System.nanoTime();
        synchronized (queue) {
            queue.add(line);
            added++;
            start = !started;
            started = true;
            if (start) {
                firstNanos = now;
            }
            lastNanos = now;
            queue.notifyAll();
        }
        if (start) {
            Thread thread = new Thread(this, "larder-agent-log");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** A class is loading: the start-up goes on, and held lines stay held for another quiet period. */
    void classLoading() {
        loadedNanos = System.nanoTime();
    }

    /** Logs the lines from now on, held or not: the agent started the logging system for something else already. */
    void release() {
        synchronized (queue) {
            released = true;
            queue.notifyAll();
        }
    }

    /**
     * Waits until every line added so far is logged, or {@code millis} have passed.
     *
     * @return whether every line added so far is logged
     */
    boolean await(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (queue) {
            released = true;
            queue.notifyAll();
            long target = added;
            while (logged < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    queue.wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * At shutdown: the lines for standard error. Lines still held are taken at once, so that a JVM that ends during its
     * start-up never starts the logging system for them; lines already released are first waited for, at most {@code
     * millis}, and those not logged by then taken.
     */
    List<String> atShutdown(long millis) {
        synchronized (queue) {
            if (!released) {
                return takeRest();
            }
        }
        await(millis);
        return takeRest();
    }

    /** Takes the lines not yet handed to the logging system, which then never logs them. */
    List<String> takeRest() {
        synchronized (queue) {
            List<String> rest = new ArrayList<>(queue);
            logged += rest.size();
            queue.clear();
            queue.notifyAll();
            return rest;
        }
    }

    @Override
    public void run() {
        if (!holdWhileWeaving()) {
            return;
        }
        System.Logger log = AgentStartup.log();
        while (true) {
            String line;
            synchronized (queue) {
                while (queue.isEmpty()) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                line = queue.poll();
            }
            try {
                log.log(System.Logger.Level.INFO, line);
            } catch (RuntimeException e) { // a broken logging back end: the line still reaches someone
                System.err.println("Larder agent: " + line);
            } finally {
                synchronized (queue) {
                    logged++;
                    queue.notifyAll();
                }
            }
        }
    }

    /**
     * Waits, as a timer, until no class was loaded for the quiet period, the longest hold has passed, or a
     * summary released the lines; false when interrupted.
     */
    private boolean holdWhileWeaving() {
        synchronized (queue) {
            while (!released) {
                long now = System.nanoTime();
                long last = loadedNanos - lastNanos > 0 ? loadedNanos : lastNanos;
                long due = Math.min(last + quietNanos, firstNanos + maxHoldNanos);
                if (now - due >= 0) {
                    released = true;
                    break;
                }
                try {
                    queue.wait(Math.max(1, (due - now) / 1_000_000L));
                } catch (InterruptedException e) {
                    return false;
                }
            }
            return true;
        }
    }
}
