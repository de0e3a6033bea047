package dev.larder.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Writes to the system of record and to the cache. When the method returns normally, the value is stored under the
 * key synchronously, in every tier. If the method throws, the cache is untouched. If storing fails, the key is
 * invalidated instead, so that no reader sees a stale value, and the failure is counted.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WriteThrough {

    /** The cache name; defaults as {@link Cached#cache()}. */
    String cache() default "";

    /** The key template; may use {@code {result}}. Required. */
    String key();

    /**
     * The template naming the value to store, such as {@code {user}} or {@code {result}}. Empty means the result when
     * the method returns a value; else the parameter, when there is only one; else the only parameter the key does
     * not name.
     */
    String value() default "";

    /** Time to live, as {@link Cached#ttl()}. */
    String ttl() default "";

    /** TTL jitter, as {@link Cached#ttlJitter()}. */
    String ttlJitter() default "";
    /**
     * The name of a method that decides, before anything else, whether this call writes to the cache: a {@code boolean} method of the
     * same type taking exactly this method's parameter types, in order; not {@code private}, static exactly when this
     * method is, declaring no checked exception. When it returns false the method runs and the cache is untouched. Empty means always.
     */
    String condition() default "";
}
