package dev.larder.internal.state;

import dev.larder.internal.log.Logs;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The bounded workers that run refreshes-ahead, started on the first refresh (most applications never refresh ahead,
 * and every thread and executor class loaded early delays the first call of a cached method), and the reporting of
 * their failures. Thread-safe.
 */
final class RefreshWorkers {
    private static final int REFRESH_QUEUE = 1024;
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();
    /** Guarded by this. */
    private @Nullable ThreadPoolExecutor workers;
    /** Guarded by this. */
    private boolean closed;

    /**
     * Runs a refresh on a worker.
     *
     * @return false when the workers are saturated or shut down: the refresh is skipped, and a later read asks again
     */
    boolean submit(Runnable refresh) {
        ThreadPoolExecutor running = workers();
        if (running == null) {
            return false;
        }
        try {
            running.execute(refresh);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** The workers, started on the first refresh; null once closed. */
    private synchronized @Nullable ThreadPoolExecutor workers() {
        if (closed) {
            return null;
        }
        if (workers == null) {
            int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
            ThreadPoolExecutor started = new ThreadPoolExecutor(
                    threads,
                    threads,
                    30,
                    TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(REFRESH_QUEUE),
                    new DaemonThreads("larder-refresh-"),
                    new ThreadPoolExecutor.AbortPolicy());
            started.allowCoreThreadTimeOut(true);
            workers = started;
        }
        return workers;
    }

    /** Logs a failed refresh at most once a minute per method, so a failing backend does not flood the log. */
    void logFailure(String site, Object key, Throwable failure) {
        long now = System.nanoTime();
        Long last = lastLogged.get(site);
        if (last == null || now - last > LOG_INTERVAL_NANOS) {
            lastLogged.put(site, now);
            // The logger is looked up here, not held in a field, so that starting the runtime does not start logging.
            Logs.get("dev.larder")
                    .log(
                            Level.WARNING,
                            "Refresh-ahead of " + site + " for key " + key + " failed; the current value is"
                                    + " served until it expires. Further failures of this method are not logged for a minute.",
                            failure);
        }
    }

    /** Stops the workers; refreshes asked for later are skipped. */
    void close() {
        ThreadPoolExecutor running;
        synchronized (this) {
            closed = true;
            running = workers;
        }
        if (running != null) {
            running.shutdown();
        }
    }

    /** Names worker threads {@code prefix1}, {@code prefix2}, … and makes them daemons. */
    private static final class DaemonThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        DaemonThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, prefix.concat(Integer.toString(count.incrementAndGet())));
            thread.setDaemon(true);
            return thread;
        }
    }
}
