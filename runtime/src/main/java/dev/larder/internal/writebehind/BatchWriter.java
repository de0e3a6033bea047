package dev.larder.internal.writebehind;

import java.util.List;

/**
 * Calls a {@code @WriteBehind} method's {@code batchMethod} on {@code target} (the object whose method was called)
 * with the values of one batch, in order of enqueue. {@code values} may hold {@code null}s when the method was
 * called with {@code null} values.
 */
@FunctionalInterface
public interface BatchWriter {
    void write(Object target, List<Object> values) throws Throwable;
}
