package dev.larder.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Runs one task on many threads that start together at a barrier, so that they really overlap, and collects what
 * each returned or threw.
 */
public final class Concurrently {
    private static final long TIMEOUT_SECONDS = 30;

    private Concurrently() {}

    /** Starts {@code threads} copies of {@code task} at once; returns their futures once all have started. */
    public static <T> List<Future<T>> start(int threads, Callable<T> task) {
        return start(threads, i -> task);
    }

    /** Starts task {@code i} for each of {@code threads} threads at once. */
    public static <T> List<Future<T>> start(int threads, IntFunction<Callable<T>> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "larder-it-worker");
            thread.setDaemon(true);
            return thread;
        });
        CyclicBarrier gate = new CyclicBarrier(threads);
        List<Future<T>> futures = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            Callable<T> task = tasks.apply(i);
            futures.add(pool.submit(() -> {
                gate.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return task.call();
            }));
        }
        pool.shutdown();
        return futures;
    }

    /** Runs {@code threads} copies of {@code task} at once and returns their results; rethrows the first failure. */
    public static <T> List<T> run(int threads, Callable<T> task) {
        return results(start(threads, task));
    }

    /** Runs task {@code i} for each of {@code threads} threads at once and returns their results. */
    public static <T> List<T> run(int threads, IntFunction<Callable<T>> tasks) {
        return results(start(threads, tasks));
    }

    /** Waits for every future and returns the results in order; rethrows the first failure as an AssertionError. */
    public static <T> List<T> results(List<Future<T>> futures) {
        List<T> results = new ArrayList<>(futures.size());
        for (Future<T> future : futures) {
            results.add(result(future));
        }
        return results;
    }

    /** Waits for one future; a failure becomes an AssertionError whose cause is what the task threw. */
    public static <T> T result(Future<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("A concurrent task failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("A concurrent task did not finish within " + TIMEOUT_SECONDS + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    /** What the task threw, or fails when it returned normally. */
    public static Throwable failure(Future<?> future) {
        try {
            Object value = future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("Expected the task to throw, but it returned " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("A concurrent task did not finish within " + TIMEOUT_SECONDS + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}
