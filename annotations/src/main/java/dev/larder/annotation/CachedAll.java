package dev.larder.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bulk read-through caching, key by key. The method takes one {@link java.util.Collection}, {@link java.util.Set} or
 * {@link java.util.List} of keys (any other parameters are part of every key) and returns a {@link java.util.Map}
 * from key to value:
 *
 * <pre>{@code
 * @CachedAll(cache = "books")
 * public Map<Long, Book> findAll(Set<Long> ids) { ... }
 *
 * @Cached(cache = "books")
 * public Book find(long id) { ... }            // reads and stores the same entries
 * }</pre>
 *
 * <ul>
 *   <li>Each key is looked up on its own; the method runs once, with only the keys that were not cached, passed as a
 *       new collection of the kind the method declares ({@code Set}: a {@link java.util.LinkedHashSet}, otherwise an
 *       {@link java.util.ArrayList}), in the order the caller gave them and without duplicates. When every key is
 *       cached the method does not run.
 *   <li>Each entry the method returns for a key it was given is stored under its own key: the same entry a {@link Cached} method of the same
 *       cache reads and writes for the equivalent key ({@code {id}} there, the element here), so single and bulk
 *       lookups share entries, invalidations and single-flight.
 *   <li>A key the method leaves out of its result is not in the returned map and is not stored; with {@link
 *       #cacheNull()} it is stored as {@code null} and later calls leave it out without running the method. Entries
 *       for keys the method was not given are ignored.
 *   <li>Concurrent loads of one key, single or bulk, run once: a bulk call waits for another caller's load of a key
 *       after running its own, and an invalidation during a bulk load wins, as for {@link Cached}.
 *   <li>An exception thrown by the method reaches the caller unchanged and nothing is stored.
 *   <li>On Redis the cached keys are read in one round trip.
 *   <li>The returned map is a new, modifiable {@link java.util.LinkedHashMap} in the order of the keys asked for.
 * </ul>
 *
 * <p>The method must be overridable (not {@code private}, {@code static} or {@code final}); the key collection must
 * not contain {@code null}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CachedAll {

    /** The cache name; as {@link Cached#cache()}. Name the cache of the single lookup to share its entries. */
    String cache() default "";

    /**
     * The key template of each entry, where the collection parameter stands for one of its elements: {@code
     * "{tenant}:{ids}"} for {@code findAll(String tenant, Set<Long> ids)}. Empty means every parameter, in order, so
     * the default key of {@code findAll(Set<Long> ids)} is the default key of {@code find(long id)}. The element is
     * named whole, without properties, because the result map is keyed by it.
     */
    String key() default "";

    /** How long each entry lives; as {@link Cached#ttl()}. */
    String ttl() default "";

    /** Whether a key the method leaves out of its result is stored as {@code null}; as {@link Cached#cacheNull()}. */
    boolean cacheNull() default false;
}
