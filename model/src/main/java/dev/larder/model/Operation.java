package dev.larder.model;

/**
 * What one annotation asks of a method, validated and defaulted: the one description every front end builds
 * generated or woven code from. Templates are effective text ({@code ""} only for the constant key of a method
 * without parameters).
 */
public sealed interface Operation {
    /** The effective cache name. */
    String cache();

    /** The key template. */
    String key();

    /** {@code @Cached}, with {@code @RefreshAhead} folded in ({@code refreshAt} 0 without it). */
    record Cached(
            String cache,
            String key,
            String ttl,
            boolean cacheNull,
            ResultKind result,
            double refreshAt,
            double refreshBeta)
            implements Operation {}

    /** {@code @WriteThrough}; {@code value} is one placeholder. */
    record WriteThrough(String cache, String key, String value, String ttl) implements Operation {}

    /** {@code @WriteBehind}; {@code batchMethod} is {@code ""} without one. */
    record WriteBehind(
            String cache,
            String key,
            String value,
            String ttl,
            String delay,
            int batchSize,
            String batchMethod,
            boolean coalesce,
            int maxRetries)
            implements Operation {}

    /** One {@code @Invalidate}; {@code key} is {@code ""} when {@code all}. */
    record Invalidate(String cache, String key, boolean all, boolean before) implements Operation {}
}
