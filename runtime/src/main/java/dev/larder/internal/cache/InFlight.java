package dev.larder.internal.cache;

import dev.larder.internal.handle.Exceptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * A load (or a refresh) of one key that is under way. Callers that miss the same key wait on it instead of loading
 * again. Its identity is also the proof of currency: an invalidation removes it from the cache's in-flight map, and a
 * load only stores its value while it is still the registered one.
 */
public final class InFlight {
    final int epoch;
    private final Thread owner = Thread.currentThread();
    private final CompletableFuture<@Nullable Object> result = new CompletableFuture<>();

    InFlight(int epoch) {
        this.epoch = epoch;
    }

    public void complete(@Nullable Object value) {
        result.complete(value);
    }

    public void fail(Throwable failure) {
        result.completeExceptionally(failure);
    }

    /** Whether the thread that registered this load is the current one and the load has not finished. */
    public boolean isRunningOnCurrentThread() {
        return owner == Thread.currentThread() && !result.isDone();
    }

    /**
     * Waits for the load's value, or rethrows the exception the load threw, unchanged.
     *
     * @throws IllegalStateException when the thread running the load waits on it: a loader that calls its own method
     *     with the same key would otherwise wait for itself forever
     */
    public @Nullable Object await(String cache, Object key) {
        if (owner == Thread.currentThread() && !result.isDone()) {
            throw new IllegalStateException("Recursive load of key " + key + " in cache '" + cache
                    + "': the method called itself with the same key while computing it");
        }
        try {
            return result.join();
        } catch (CompletionException e) {
            throw Exceptions.sneakyThrow(e.getCause() == null ? e : e.getCause());
        }
    }
}
