package dev.larder.internal.tier;

import dev.larder.ValueType;
import dev.larder.internal.cache.Lifetime;
import dev.larder.model.ResultKind;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What a tier needs to know of one {@code @Cached} method under one configuration: how long its values live, how its
 * return type wraps a value, how long its callers wait on another caller's load, and the type Redis values decode to.
 *
 * @param site the method, for messages
 * @param ttlNanos lifetime of the values it stores ({@link dev.larder.internal.cache.Entry#NO_EXPIRY} for none)
 * @param waitNanos how long a caller waits on another caller's load of the same key before running the method
 * @param type what Redis values decode to; null when the method does not use Redis
 * @param jitterNanos the most TTL jitter takes off a store's lifetime, 0 for none (see {@link Lifetime})
 */
public record CachedMethod(
        String site,
        ResultKind result,
        boolean cacheNull,
        long ttlNanos,
        long waitNanos,
        @Nullable ValueType type,
        long jitterNanos) {

    /** Without TTL jitter. */
    public CachedMethod(
            String site,
            ResultKind result,
            boolean cacheNull,
            long ttlNanos,
            long waitNanos,
            @Nullable ValueType type) {
        this(site, result, cacheNull, ttlNanos, waitNanos, type, 0);
    }

    /** The lifetime of one store (one value in L1 and Redis alike): the TTL less its jitter, drawn now. */
    long storeTtl() {
        return jitterNanos == 0 ? ttlNanos : new Lifetime(ttlNanos, jitterNanos).draw();
    }

    /** What a copy of a stored value lives when its store's draw is unknown (read from Redis): the shortest draw. */
    public long shortestTtl() {
        return jitterNanos == 0 ? ttlNanos : new Lifetime(ttlNanos, jitterNanos).shortest();
    }

    /** A value as the method returns it, from the inner value held in Redis. */
    public @Nullable Object wrap(@Nullable Object inner) {
        if (result == ResultKind.OPTIONAL) {
            return Optional.ofNullable(inner);
        }
        if (result == ResultKind.FUTURE) {
            return CompletableFuture.completedFuture(inner);
        }
        return inner;
    }

    /** What Redis holds for a value: the content of an {@code Optional}; the value itself otherwise. */
    @Nullable
    Object inner(@Nullable Object value) {
        return result == ResultKind.OPTIONAL && value != null ? ((Optional<?>) value).orElse(null) : value;
    }

    /** Whether the value is null or an empty {@code Optional}, which is stored only with {@code cacheNull}. */
    boolean isNullish(@Nullable Object value) {
        return value == null || (result == ResultKind.OPTIONAL && ((Optional<?>) value).isEmpty());
    }

    /** Whether a value (an unfinished future) is stored once it completes rather than now. */
    boolean isFuture(@Nullable Object value) {
        return result == ResultKind.FUTURE && value != null;
    }

    /** Whether the value is stored at all. */
    boolean keeps(@Nullable Object value) {
        return cacheNull || !isNullish(value);
    }
}
