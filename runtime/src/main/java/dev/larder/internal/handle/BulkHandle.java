package dev.larder.internal.handle;

import dev.larder.internal.tier.Tier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The runtime's side of a {@code @CachedAll} method: a bulk lookup made of the single lookups of a {@link
 * CachedHandle} of the same cache, so that each element's entry is the one a {@code @Cached} method reads, with its
 * single-flight, leases and invalidations. The code the annotation processor generates does, per call:
 *
 * <pre>{@code
 * public Map<Long, Book> findAll(Set<Long> ids) {
 *     return (Map<Long, Book>) FIND_ALL.getAll(ids, id -> FIND_ALL.key(id), missing -> super.findAll((Set<Long>) missing));
 * }
 * }</pre>
 *
 * <p>A call looks each key up on the hit path; then takes the load of every missing key that no other caller is
 * loading, without waiting; runs the method once for those keys and ends each load with its entry of the result (or
 * null when the result has none); and only then waits for the keys other callers were loading, so that two bulk
 * calls never wait on each other. A key whose other load ended without a value for this caller (it failed, or an
 * invalidation superseded it) is loaded by a second call of the method.
 */
public final class BulkHandle {
    /** How generated code builds the key of one element, with the handle's {@code key} methods. */
    @FunctionalInterface
    public interface KeyMaker {
        Object key(Object element);
    }

    /** Runs the method body for the missing keys. Its exception reaches the caller unchanged. */
    @FunctionalInterface
    public interface BulkLoader {
        @Nullable
        Map<?, ?> load(Collection<Object> missing) throws Throwable;
    }

    private final CachedHandle handle;

    BulkHandle(CachedHandle handle) {
        this.handle = handle;
    }

    /** The key of an element, for a template with one placeholder (the element). */
    public Object key(@Nullable Object a) {
        return handle.key(a);
    }

    /** The key of an element, for a template with two placeholders. */
    public Object key(@Nullable Object a, @Nullable Object b) {
        return handle.key(a, b);
    }

    /** The key of an element, for a template with three placeholders. */
    public Object key(@Nullable Object a, @Nullable Object b, @Nullable Object c) {
        return handle.key(a, b, c);
    }

    /** The key of an element, for a template with any number of placeholders. */
    public Object key(@Nullable Object... parts) {
        return handle.key(parts);
    }

    /**
     * The values of {@code keys}, from the cache where it has them and from one call of {@code loader} for the rest.
     *
     * @param keys the method's key collection; a {@link Set} makes the loader get a {@link LinkedHashSet}, anything
     *     else an {@link ArrayList}
     * @return a new map in the order of {@code keys}, without the keys that have no value
     * @throws NullPointerException when {@code keys} or one of its elements is null
     */
    public Map<Object, Object> getAll(Collection<?> keys, KeyMaker keyMaker, BulkLoader loader) {
        Objects.requireNonNull(keys, "keys");
        Map<Object, @Nullable Object> found = new HashMap<>();
        Map<Object, Object> missing = new LinkedHashMap<>();
        for (Object element : keys) {
            Objects.requireNonNull(element, "a @CachedAll key collection must not contain null");
            if (found.containsKey(element) || missing.containsKey(element)) {
                continue;
            }
            Object key = keyMaker.key(element);
            Object value = handle.get(key);
            if (value == CachedHandle.MISS) {
                missing.put(element, key);
            } else {
                found.put(element, value);
            }
        }
        if (!missing.isEmpty()) {
            load(missing, found, keys instanceof Set, loader);
        }
        Map<Object, Object> result = new LinkedHashMap<>();
        for (Object element : keys) {
            Object value = found.get(element);
            if (value != null) {
                result.put(element, value);
            }
        }
        return result;
    }

    private void load(
            Map<Object, Object> missing, Map<Object, @Nullable Object> found, boolean asSet, BulkLoader loader) {
        Map<Object, Object> mine = new LinkedHashMap<>();
        Map<Object, Object> elsewhere = new LinkedHashMap<>();
        List<Object> elements = new ArrayList<>(missing.keySet());
        List<Object> keys = new ArrayList<>(missing.values());
        List<@Nullable Object> begun = handle.tryBeginAll(keys);
        for (int i = 0; i < elements.size(); i++) {
            Object each = begun.get(i);
            if (each == Tier.LOADING_ELSEWHERE) {
                elsewhere.put(elements.get(i), keys.get(i));
            } else if (each instanceof CachedHandle.Ticket) {
                mine.put(elements.get(i), each);
            } else {
                found.put(elements.get(i), each);
            }
        }
        run(mine, found, asSet, loader);
        if (elsewhere.isEmpty()) {
            return;
        }
        // Every load of this call has ended: waiting now cannot close a cycle with another bulk call.
        Map<Object, Object> left = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> each : elsewhere.entrySet()) {
            Object waited = handle.begin(each.getValue(), null);
            if (waited instanceof CachedHandle.Ticket) {
                left.put(each.getKey(), waited);
            } else {
                found.put(each.getKey(), waited);
            }
        }
        run(left, found, asSet, loader);
    }

    /** Runs the method for the keys whose tickets this call holds, and ends every ticket exactly once. */
    private void run(
            Map<Object, Object> tickets, Map<Object, @Nullable Object> found, boolean asSet, BulkLoader loader) {
        if (tickets.isEmpty()) {
            return;
        }
        Collection<Object> keys = asSet ? new LinkedHashSet<>(tickets.keySet()) : new ArrayList<>(tickets.keySet());
        Map<?, ?> loaded;
        try {
            loaded = loader.load(keys);
        } catch (Throwable failure) {
            for (Object ticket : tickets.values()) {
                handle.fail(ticket, failure);
            }
            throw Exceptions.sneakyThrow(failure);
        }
        List<@Nullable Object> values = new ArrayList<>(tickets.size());
        for (Object element : tickets.keySet()) {
            Object value = loaded == null ? null : loaded.get(element);
            values.add(value);
            found.put(element, value);
        }
        handle.completeAll(new ArrayList<>(tickets.values()), values);
    }

    @Override
    public String toString() {
        return handle.toString().replace("CachedHandle", "BulkHandle");
    }
}
