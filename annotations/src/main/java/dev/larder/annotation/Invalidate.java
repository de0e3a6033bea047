package dev.larder.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Removes cache entries when the method runs. Repeatable, to remove from several caches.
 *
 * <p>After the method returns, no later read in this JVM returns the removed value, even when a load that started
 * before the removal finishes after it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Invalidate.List.class)
public @interface Invalidate {

    /** The cache name. Required unless {@link #tags()} are set; empty then removes by tag only. */
    String cache() default "";

    /** The key template; may use {@code {result}} unless {@link #before()}. Empty means every parameter, in order. */
    String key() default "";

    /** Removes every entry of the cache instead of one key; {@link #key()} must then be empty. */
    boolean all() default false;

    /**
     * Removes before the method runs, and even if it throws, instead of after it returns normally. After-removal (the
     * default) keeps the cache intact when the write fails.
     */
    boolean before() default false;

    /**
     * Tag templates over the parameters (and the result, unless {@link #before()}), such as {@code
     * "author:{authorId}"}: every entry carrying one of the rendered tags is removed, from every cache. When this
     * returns, no entry carrying a tag is served, and a load that started before does not store one after.
     */
    String[] tags() default {};

    /**
     * The name of a method that decides, before anything else, whether this call removes from the cache: a {@code boolean} method of the
     * same type taking exactly this method's parameter types, in order; not {@code private}, static exactly when this
     * method is, declaring no checked exception. When it returns false the method runs and nothing is removed. Empty means always.
     */
    String condition() default "";

    /** Holds several {@link Invalidate} annotations on one method. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        /** The annotations. */
        Invalidate[] value();
    }
}
