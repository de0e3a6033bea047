package dev.larder;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@code @WriteBehind} write that failed on every attempt and was given up: what a {@link DeadLetterHandler}
 * receives.
 *
 * @param cache the cache the write belongs to
 * @param key the cache key of the write
 * @param value the value that was to be written, as stored in the cache
 * @param cause what the last attempt threw
 * @param attempts how many times the write was tried: the first attempt plus every retry, at least 1
 */
public record FailedWrite(
        String cache, Object key, @Nullable Object value, Throwable cause, int attempts) {

    public FailedWrite {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(cause, "cause");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts is " + attempts + "; allowed: 1 or more");
        }
    }
}
