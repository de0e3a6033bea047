package dev.larder.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Read-through caching. The first call for a key runs the method and stores its result; later calls with the same
 * key return the stored value without running the method.
 *
 * <ul>
 *   <li>Concurrent misses for one key run the method once; the other callers wait for that result.
 *   <li>An exception thrown by the method reaches the caller unchanged and nothing is stored.
 *   <li>An empty {@link java.util.Optional} counts as {@code null}.
 *   <li>A {@link java.util.concurrent.CompletableFuture} or {@link java.util.concurrent.CompletionStage} result is
 *       cached as the future: concurrent callers share one in-flight future, and a future that completes
 *       exceptionally is removed.
 * </ul>
 *
 * <p>The method must return a value, and must be overridable (not {@code private}, {@code static} or {@code final}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Cached {

    /**
     * The cache name. Empty means {@link CacheDefaults#cache()} of the declaring type, else {@code
     * SimpleClassName.methodName}; for an overloaded method the parameter types are added, as in {@code
     * Catalog.find(int)}.
     */
    String cache() default "";

    /** The key template (see the package documentation). Empty means every parameter, in order. */
    String key() default "";

    /**
     * How long an entry lives: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}, ISO-8601 such as
     * {@code PT10M}, or {@code 0} for no expiry. Empty means the configuration ({@code larder.cache.<name>.ttl}),
     * then {@link CacheDefaults#ttl()}, else {@code 10m}. A per-cache configuration value wins over this attribute.
     */
    String ttl() default "";

    /**
     * How much of the TTL each stored entry may lose at random, so that entries stored together do not all expire
     * together: a percentage from {@code 0%} to {@code 100%} such as {@code 10%}. Each store shortens its entry's TTL
     * by a uniformly random part of up to that fraction, so the TTL stays an upper bound: with {@code ttl = "10m",
     * ttlJitter = "10%"} entries live between 9 and 10 minutes. Empty means the configuration ({@code
     * larder.cache.<name>.ttlJitter}, then {@code larder.ttlJitter}), then {@link CacheDefaults#ttlJitter()}, else no
     * jitter. A per-cache configuration value wins over this attribute.
     */
    String ttlJitter() default "";

    /**
     * Whether a {@code null} (or empty {@code Optional}) result is stored, so that later calls return it without
     * running the method (negative caching). By default a null result is returned but not stored.
     */
    boolean cacheNull() default false;

    /**
     * Tags of each stored entry: templates over the parameters and the result ({@code "author:{result.authorId}"},
     * {@code "catalogue"}), rendered when the value is stored, a placeholder's value as {@link String#valueOf(Object)}
     * writes it. {@link Invalidate#tags()} and {@code Larder.invalidateTag} remove every entry carrying a tag, in
     * every cache. Empty means untagged, and an untagged entry's hit costs nothing more. Not supported on the
     * {@code redis} and {@code tiered} backends yet: a tagged method on such a cache fails when it is first called.
     */
    String[] tags() default {};

    /**
     * The name of a method that decides, before anything else, whether this call uses the cache: a {@code boolean}
     * method of the same type taking exactly this method's parameter types, in order; not {@code private}, static
     * exactly when this method is, declaring no checked exception. When it returns false the method runs as if it were
     * not cached: nothing is read or stored, no other caller's load is joined, and neither a hit nor a miss is counted.
     * Empty means every call uses the cache. Checked when the code is compiled (processor) or woven, like every
     * attribute.
     *
     * <pre>{@code
     * @Cached(condition = "isSaved")
     * public Form form(Long id) { ... }
     *
     * boolean isSaved(Long id) { return id != null; }   // a new form (no id yet) is never cached
     * }</pre>
     */
    String condition() default "";

    /**
     * The name of a method that decides, after the method returned, that its result is not stored: a {@code boolean}
     * method of the same type taking the declared return type, or this method's parameters followed by it; otherwise
     * as {@link #condition()}. When it returns true the result is returned but not stored, and callers that were
     * waiting for this load of the key get the same value, which is not cached either. Not evaluated for a value found
     * in the cache. Refused on methods returning a future (which is cached before it has a result) and with {@link
     * RefreshAhead}. Empty means every result is stored (null ones as {@link #cacheNull()} says).
     */
    String unless() default "";
}
