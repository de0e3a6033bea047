package dev.larder.internal.writebehind;

import org.jspecify.annotations.Nullable;

/**
 * Writes one value recovered from the journal of an earlier JVM when the method has no {@code batchMethod}: recovered
 * writes carry a value, not the call's arguments, so the queue cannot run the deferred body.
 */
@FunctionalInterface
public interface ValueWriter {
    void write(Object target, @Nullable Object value) throws Throwable;
}
