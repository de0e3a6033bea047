package dev.larder.internal.writebehind;

import dev.larder.internal.log.Logs;
import java.lang.System.Logger.Level;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker threads every {@link WriteBehindQueue} of one runtime flushes on: a small pool of daemon threads named
 * {@code larder-write-behind-N}. Queues schedule short tasks here and never block a worker waiting for one another,
 * so a few threads serve many queues.
 *
 * <p>{@link #close()} runs nothing new: tasks already running finish, delayed ones are dropped. Close the queues first
 * (each flushes on the caller's thread), then the scheduler. Thread-safe.
 */
public final class WriteBehindScheduler implements AutoCloseable {
    private static final System.Logger LOGGER = Logs.get("dev.larder.writebehind");
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static final int DEFAULT_THREADS = 2;

    private final ScheduledThreadPoolExecutor executor;

    /** A scheduler with two worker threads. */
    public WriteBehindScheduler() {
        this(DEFAULT_THREADS);
    }

    /**
     * A scheduler with {@code threads} worker threads.
     *
     * @throws IllegalArgumentException if {@code threads} is less than 1
     */
    public WriteBehindScheduler(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("write-behind threads is " + threads + "; allowed: 1 or more");
        }
        executor = new ScheduledThreadPoolExecutor(threads, task -> {
            Thread thread = new Thread(task, "larder-write-behind-" + THREAD_NUMBER.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    /** Runs {@code task} on a worker after {@code delayNanos}; does nothing once the scheduler is closed. */
    void schedule(Runnable task, long delayNanos) {
        try {
            executor.schedule(() -> runGuarded(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // Closed: the queue's own close() or flush() writes what is left.
            LOGGER.log(Level.DEBUG, "write-behind scheduler is closed; task not scheduled");
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return executor.isShutdown();
    }

    /**
     * Stops the workers: no task starts after this call; waits up to 10 seconds for running ones to finish. Safe to
     * call more than once.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOGGER.log(Level.WARNING, "write-behind workers still running 10 s after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void runGuarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            // A queue's tasks catch the writes' failures; anything reaching here is a bug worth a log line, not a
            // silently dead future.
            LOGGER.log(Level.ERROR, "write-behind task failed", e);
        }
    }
}
