package dev.larder.internal.cache;

import dev.larder.internal.handle.Exceptions;
import dev.larder.internal.tag.TagStamp;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A load (or a refresh) of one key that is under way. Callers that miss the same key wait on it instead of loading
 * again. Its identity is also the proof of currency: an invalidation removes it from the cache's in-flight map, and a
 * load only stores its value while it is still the registered one.
 *
 * <p>Waiting is bounded and never outlasts the waiter's wish to wait: {@link #await} returns {@link #GAVE_UP} when the
 * bound passes, when the waiting thread is interrupted (its interrupt flag stays set), or when waiting would close a
 * cycle of threads each waiting on a load another of them runs (thread 1 loads key 1 and needs key 2 while thread 2
 * loads key 2 and needs key 1). The caller then runs the method itself, uncached, as it would without a cache.
 */
public final class InFlight {
    /** Returned by {@link #await} when the caller should stop waiting and run the method itself, uncached. */
    public static final Object GAVE_UP = new Object() {
        @Override
        public String toString() {
            return "GAVE_UP";
        }
    };

    /** The load each waiting thread waits on, for finding cycles; touched only by waiters, never on a hit. */
    private static final ConcurrentHashMap<Thread, InFlight> WAITING = new ConcurrentHashMap<>();

    final int epoch;
    /** The thread running the load; null for a refresh not yet started on its worker. */
    private volatile @Nullable Thread owner;
    /** Whether this reloads a value that is still being served (refresh-ahead), rather than loading a missing one. */
    private final boolean refresh;

    private final CompletableFuture<@Nullable Object> result = new CompletableFuture<>();
    /** What a tier needs to check before a caller joins this load; null for most loads. See {@link #attach}. */
    private volatile @Nullable Object guard;

    /** The tags of the value this load stores, set before it completes; null for an untagged method. */
    volatile @Nullable TagStamp tags;

    InFlight(int epoch, @Nullable Thread owner) {
        this.epoch = epoch;
        this.owner = owner;
        this.refresh = owner == null;
    }

    /** Whether this is a refresh-ahead: the value it replaces may still be read meanwhile. */
    public boolean isRefresh() {
        return refresh;
    }

    /** Stamps the value this load is about to store with its tags. */
    public void tag(TagStamp stamp) {
        tags = stamp;
    }

    public void complete(@Nullable Object value) {
        result.complete(value);
    }

    public void fail(Throwable failure) {
        result.completeExceptionally(failure);
    }

    /**
     * Attaches what a caller that joins this load must check first: a Redis tier attaches the lease of a load whose
     * value (an unfinished future) is shared while it stays in flight, so that a caller after a newer write does not
     * join it.
     */
    public void attach(Object guard) {
        this.guard = guard;
    }

    /** What {@link #attach} attached, or null. */
    public @Nullable Object guard() {
        return guard;
    }

    /** Marks the current thread as the one running this load: a refresh, once it starts on its worker. */
    public void runOnCurrentThread() {
        owner = Thread.currentThread();
    }

    /** Whether the thread that runs this load is the current one and the load has not finished. */
    public boolean isRunningOnCurrentThread() {
        return owner == Thread.currentThread() && !result.isDone();
    }

    /**
     * Waits for the load's value, or rethrows the exception the load threw, unchanged.
     *
     * @param timeoutNanos how long to wait at most
     * @return the value, or {@link #GAVE_UP} when the wait timed out, was interrupted (the flag stays set) or would
     *     deadlock
     * @throws IllegalStateException when the thread running the load waits on it: a loader that calls its own method
     *     with the same key would otherwise wait for itself forever
     */
    public @Nullable Object await(String cache, Object key, long timeoutNanos) {
        Thread current = Thread.currentThread();
        if (owner == current && !result.isDone()) {
            throw new IllegalStateException("Recursive load of key " + key + " in cache '" + cache
                    + "': the method called itself with the same key while computing it");
        }
        if (result.isDone()) {
            return join();
        }
        if (current.isInterrupted()) {
            return GAVE_UP;
        }
        // Published before the cycle check: of two threads closing a cycle at once, at least one sees the other.
        WAITING.put(current, this);
        try {
            if (closesCycle(current)) {
                return GAVE_UP;
            }
            return result.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            current.interrupt();
            return GAVE_UP;
        } catch (TimeoutException e) {
            return GAVE_UP;
        } catch (ExecutionException e) {
            throw Exceptions.sneakyThrow(e.getCause() == null ? e : e.getCause());
        } finally {
            WAITING.remove(current);
        }
    }

    /** Whether following "runs the load that thread waits on" from this load leads back to {@code waiter}. */
    private boolean closesCycle(Thread waiter) {
        InFlight load = this;
        // A chain longer than the number of waiting threads has repeated itself: bounded even if threads move on.
        for (int hops = WAITING.size() + 1; hops > 0 && load != null; hops--) {
            Thread runner = load.owner;
            if (runner == null || load.result.isDone()) {
                return false;
            }
            if (runner == waiter) {
                return true;
            }
            load = WAITING.get(runner);
        }
        return false;
    }

    private @Nullable Object join() {
        try {
            return result.join();
        } catch (CompletionException e) {
            throw Exceptions.sneakyThrow(e.getCause() == null ? e : e.getCause());
        }
    }
}
