package dev.larder.weaver;

import dev.larder.model.ResultKind;

/** One validated, defaulted annotation of a woven method: what its site in the runtime is built from. */
sealed interface Operation {
    String cache();

    record Cached(
            String cache, String key, String ttl, boolean cacheNull, ResultKind result, double refreshAt, double beta)
            implements Operation {}

    record WriteThrough(String cache, String key, String value, String ttl) implements Operation {}

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

    record Invalidate(String cache, String key, boolean all, boolean before) implements Operation {}
}
