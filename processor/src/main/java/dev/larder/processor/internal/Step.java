package dev.larder.processor.internal;

import dev.larder.model.Guard;
import dev.larder.model.Operation;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import org.jspecify.annotations.Nullable;

/**
 * One operation of a valid method with what generated code needs beyond the model: its templates resolved to
 * accessor paths, the batch method's element, and its conditions.
 *
 * @param value the value template, for {@code @WriteThrough} and {@code @WriteBehind} only
 */
record Step(
        Operation operation,
        Template key,
        @Nullable Template value,
        Optional<ExecutableElement> batchMethod,
        Guard guard) {
    Step(Operation operation, Template key, @Nullable Template value, Optional<ExecutableElement> batchMethod) {
        this(operation, key, value, batchMethod, Guard.NONE);
    }

    Step guarded(Guard guard) {
        return new Step(operation, key, value, batchMethod, guard);
    }
}
