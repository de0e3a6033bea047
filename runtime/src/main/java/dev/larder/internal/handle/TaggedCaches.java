package dev.larder.internal.handle;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The caches that a tagged method uses. A cache may be shared by tagged and untagged methods (and bulk lookups): an
 * entry a tagged method stored is then found by the others' hits too, so once a cache is marked here every {@link
 * CachedHandle} of it checks tags on its hits, not only the tagged method's. A cache no tagged method uses keeps its
 * plain hit.
 *
 * <p>Order: a tagged handle marks its cache, then makes its own binding, then makes every other handle of the cache
 * check tags ({@link #add}), and only then is it returned to its caller, so no entry it stores can be served unchecked
 * by a handle already listed; a handle listed later saw the mark when it bound, or checks after it is listed. A caller
 * that read another handle's old (plain) binding just before the switch overlaps the first tagged load and any
 * invalidation that could hide its value, so serving it unchecked is still linearizable.
 *
 * <p>A tagged value may also come from another JVM through Redis, to a JVM where no tagged method of the cache is
 * loaded yet (class loading is lazy): the tier marks the cache ({@link #holdsTagged}) before it keeps the value in its
 * L1, so an untagged method's plain hit never serves a copy whose tag was invalidated.
 *
 * <p>A mark is kept for the life of the class loader, as tags are. Handles are held weakly.
 */
public final class TaggedCaches {
    private static final Set<String> MARKED = ConcurrentHashMap.newKeySet();
    private static final ConcurrentHashMap<String, List<WeakReference<CachedHandle>>> HANDLES =
            new ConcurrentHashMap<>();

    private TaggedCaches() {}

    /** Marks a cache as used by a tagged method; before that method's handle binds. */
    static void mark(String cache) {
        MARKED.add(cache);
    }

    /** Whether a tagged method uses the cache: every hit of it checks tags. */
    static boolean marked(String cache) {
        return MARKED.contains(cache);
    }

    /**
     * A tagged value of the cache is about to be kept in this JVM's L1, read from a remote tier: marks the cache and
     * makes every handle of it check tags before returning (a handle listed later sees the mark, see {@link #add}).
     * Off the hit path: called once per tagged value read from Redis.
     */
    public static void holdsTagged(String cache) {
        mark(cache);
        List<WeakReference<CachedHandle>> handles = HANDLES.get(cache);
        if (handles == null) {
            return;
        }
        for (WeakReference<CachedHandle> ref : handles) {
            CachedHandle each = ref.get();
            if (each != null) {
                each.checkTags();
            }
        }
    }

    /**
     * Lists a new handle of its cache; when the cache is marked, the handle checks tags, and when the handle is the
     * tagged method's, every handle of the cache does from now on.
     */
    static void add(CachedHandle handle) {
        // A loop, not computeIfAbsent and removeIf with lambdas: see "Start-up" in package dev.larder.
        List<WeakReference<CachedHandle>> handles = HANDLES.get(handle.cache);
        if (handles == null) {
            List<WeakReference<CachedHandle>> made = new CopyOnWriteArrayList<>();
            handles = HANDLES.putIfAbsent(handle.cache, made);
            if (handles == null) {
                handles = made;
            }
        }
        for (WeakReference<CachedHandle> ref : handles) {
            if (ref.get() == null) {
                handles.remove(ref);
            }
        }
        handles.add(new WeakReference<>(handle));
        if (!marked(handle.cache)) {
            return;
        }
        for (WeakReference<CachedHandle> ref : handles) {
            CachedHandle each = ref.get();
            if (each != null) {
                each.checkTags();
            }
        }
    }
}
