package dev.larder.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Defaults for the annotated methods of a type. A method's own attribute wins over these. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CacheDefaults {

    /** The cache name used by methods that name none. Empty means each method's own default name. */
    String cache() default "";

    /** The time to live used by methods that set none, as {@link Cached#ttl()}. */
    String ttl() default "";

    /** The TTL jitter used by methods that set none, as {@link Cached#ttlJitter()}. */
    String ttlJitter() default "";
}
