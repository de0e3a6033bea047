package dev.larder.model;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one annotation asks of a method, validated and defaulted: the one description every front end builds
 * generated or woven code from, and the runtime's spec with {@code spec(site)}. Templates are effective text
 * ({@code ""} only for the constant key of a method without parameters); durations are parsed, a null TTL meaning
 * that the method sets none; a null {@code ttlJitter} (a fraction from 0 to 1, see {@link TtlJitter}) likewise.
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
            @Nullable Duration ttl,
            boolean cacheNull,
            ResultKind result,
            double refreshAt,
            double refreshBeta,
            @Nullable Double ttlJitter,
            @Nullable String keyArguments,
            List<String> tags)
            implements Operation {
        public Cached {
            tags = List.copyOf(tags);
        }

        /** @param returnType as {@link CachedSpec#returnType()} */
        public CachedSpec spec(String site, String returnType) {
            return new CachedSpec(
                    site,
                    cache,
                    key,
                    ttl,
                    cacheNull,
                    result,
                    refreshAt,
                    refreshBeta,
                    returnType,
                    ttlJitter,
                    keyArguments,
                    tags);
        }
    }

    /**
     * {@code @CachedAll}: {@code keys} names the collection parameter, which stands for one element in {@code key}.
     */
    record CachedAll(String cache, String key, @Nullable Duration ttl, boolean cacheNull, String keys)
            implements Operation {
        /**
         * The spec of each entry: what a {@code @Cached} method of the same cache returning the map's values uses.
         *
         * @param valueType the map's value type as {@link CachedSpec#returnType()}, or empty when not known
         */
        public CachedSpec spec(String site, String valueType) {
            return new CachedSpec(
                    site, cache, key, ttl, cacheNull, ResultKind.VALUE, 0, 0, valueType, null, null, List.of());
        }
    }

    /** {@code @WriteThrough}; {@code value} is one placeholder. */
    record WriteThrough(
            String cache,
            String key,
            String value,
            @Nullable Duration ttl,
            @Nullable Double ttlJitter) implements Operation {
        /** Without TTL jitter of its own. */
        public WriteThrough(String cache, String key, String value, @Nullable Duration ttl) {
            this(cache, key, value, ttl, null);
        }

        public WriteSpec spec(String site) {
            return new WriteSpec(site, cache, key, ttl, ttlJitter);
        }
    }

    /** {@code @WriteBehind}; {@code batchMethod} is {@code ""} without one. */
    record WriteBehind(
            String cache,
            String key,
            String value,
            @Nullable Duration ttl,
            Duration delay,
            int batchSize,
            String batchMethod,
            boolean coalesce,
            int maxRetries,
            @Nullable Double ttlJitter)
            implements Operation {
        /** Without TTL jitter of its own. */
        public WriteBehind(
                String cache,
                String key,
                String value,
                @Nullable Duration ttl,
                Duration delay,
                int batchSize,
                String batchMethod,
                boolean coalesce,
                int maxRetries) {
            this(cache, key, value, ttl, delay, batchSize, batchMethod, coalesce, maxRetries, null);
        }

        public WriteBehindSpec spec(String site) {
            return new WriteBehindSpec(site, cache, key, ttl, delay, batchSize, coalesce, maxRetries, ttlJitter);
        }
    }

    /**
     * One {@code @Invalidate}; {@code key} is {@code ""} when {@code all}, and {@code cache} and {@code key} are
     * {@code ""} when it removes by {@code tags} only.
     */
    record Invalidate(String cache, String key, boolean all, boolean before, List<String> tags) implements Operation {
        public Invalidate {
            tags = List.copyOf(tags);
        }

        /** An {@code @Invalidate} without tags. */
        public Invalidate(String cache, String key, boolean all, boolean before) {
            this(cache, key, all, before, List.of());
        }

        public InvalidateSpec spec(String site) {
            return new InvalidateSpec(site, cache, key, all, tags);
        }
    }
}
