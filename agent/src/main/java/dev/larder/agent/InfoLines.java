package dev.larder.agent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Logs the agent's INFO lines, in the order given, on a daemon thread of its own, started with the first line. The
 * first line logged starts the logging system (java.util.logging by default: its configuration, console handler and
 * formatter, with dates, locales and regular expressions), which takes long enough to matter at start-up; here no
 * application thread waits for it. {@link #await} lets a summary follow the lines it counts. Thread-safe.
 */
final class InfoLines implements Runnable {
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean started;
    private long added;
    private long logged;

    /** Queues {@code line} to be logged at INFO; never blocks on the logging system. */
    void add(String line) {
        boolean start;
        synchronized (queue) {
            queue.add(line);
            added++;
            start = !started;
            started = true;
            queue.notifyAll();
        }
        if (start) {
            Thread thread = new Thread(this, "larder-agent-log");
            thread.setDaemon(true);
            thread.start();
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
}
