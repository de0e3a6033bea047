package dev.larder.processor.internal;

import dev.larder.model.ResultKind;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;

/** What one annotation asks of a method, validated and defaulted. */
public sealed interface Operation {
    /** The effective cache name. */
    String cache();

    /** {@code @Cached}, with {@code @RefreshAhead} folded in ({@code refreshAt} 0 without it). */
    record Cached(
            String cache,
            Template key,
            String ttl,
            boolean cacheNull,
            ResultKind result,
            double refreshAt,
            double refreshBeta)
            implements Operation {}

    /** {@code @WriteThrough}. */
    record WriteThrough(String cache, Template key, Template value, String ttl) implements Operation {}

    /**
     * {@code @WriteBehind}.
     *
     * @param batchMethod the method called once per batch, if any
     */
    record WriteBehind(
            String cache,
            Template key,
            Template value,
            String ttl,
            String delay,
            int batchSize,
            Optional<ExecutableElement> batchMethod,
            boolean coalesce,
            int maxRetries)
            implements Operation {}

    /** One {@code @Invalidate}; {@code key} is null when {@code all}. */
    record Invalidate(String cache, Template key, boolean all, boolean before) implements Operation {}
}
