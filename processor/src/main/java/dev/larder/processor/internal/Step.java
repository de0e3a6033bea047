package dev.larder.processor.internal;

import dev.larder.model.Guard;
import dev.larder.model.Operation;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import org.jspecify.annotations.Nullable;

/**
 * One operation of a valid method with what generated code needs beyond the model: its templates resolved to
 * accessor paths, the batch method's element, and its conditions.
 *
 * @param value the value template, for {@code @WriteThrough} and {@code @WriteBehind} only
 * @param tags the tag templates of {@code @Cached} and {@code @Invalidate}, resolved; empty for none
 */
record Step(
        Operation operation,
        Template key,
        @Nullable Template value,
        Optional<ExecutableElement> batchMethod,
        List<Template> tags,
        Guard guard) {
    Step {
        tags = List.copyOf(tags);
    }

    Step(Operation operation, Template key, @Nullable Template value, Optional<ExecutableElement> batchMethod) {
        this(operation, key, value, batchMethod, List.of(), Guard.NONE);
    }

    Step(
            Operation operation,
            Template key,
            @Nullable Template value,
            Optional<ExecutableElement> batchMethod,
            List<Template> tags) {
        this(operation, key, value, batchMethod, tags, Guard.NONE);
    }

    Step guarded(Guard guard) {
        return new Step(operation, key, value, batchMethod, tags, guard);
    }
}
