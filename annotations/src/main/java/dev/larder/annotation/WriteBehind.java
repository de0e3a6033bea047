package dev.larder.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Writes to the cache now and to the system of record later. On a {@code void} method: the call stores the value
 * under the key and returns at once; the method body runs later on a write-behind worker.
 *
 * <p>Pending writes are flushed after {@link #delay()}, when {@link #batchSize()} writes are waiting, on {@code
 * Larder.flush()}, on {@code Larder.shutdown()} and by a JVM shutdown hook. A write that keeps failing is retried
 * with exponential backoff and jitter for up to {@code larder.writeBehind.maxAge} (10 minutes by default), then
 * handed to the dead-letter handler and its key dropped from the cache.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WriteBehind {

    /** The cache name; defaults as {@link Cached#cache()}. */
    String cache() default "";

    /** The key template. Required; {@code {result}} is not allowed (the method is {@code void}). */
    String key();

    /** The template naming the value to store; defaults as {@link WriteThrough#value()}. */
    String value() default "";

    /** Time to live, as {@link Cached#ttl()}. */
    String ttl() default "";

    /** TTL jitter, as {@link Cached#ttlJitter()}. */
    String ttlJitter() default "";

    /** How long a write may wait before it is flushed, as a duration ({@code 1s}, {@code 500ms}, …). */
    String delay() default "1s";

    /** The most writes flushed together; at least 1. */
    int batchSize() default 100;

    /**
     * The name of a method on the same type that takes a {@code Collection} or {@code List} of the value type. When
     * set, it is called once per batch with the values instead of the annotated method's body once per write.
     */
    String batchMethod() default "";

    /** Whether several writes to one key before a flush become one: the last. */
    boolean coalesce() default true;

    /**
     * Retries of a write the system of record rejects while it accepts other writes of this method (a bad row) before
     * the write goes to the dead-letter handler; at least 0. Failures while it accepts nothing (an outage) do not
     * count: {@code larder.writeBehind.maxAge} bounds those.
     */
    int maxRetries() default 5;

    /**
     * The name of a method that decides, before anything else, whether this call is written behind: a {@code boolean} method of the
     * same type taking exactly this method's parameter types, in order; not {@code private}, static exactly when this
     * method is, declaring no checked exception. When it returns false the method runs now, in the caller's thread, and the cache is untouched, as if it were not annotated. Empty means always.
     */
    String condition() default "";
}
