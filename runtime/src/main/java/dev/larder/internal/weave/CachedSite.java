package dev.larder.internal.weave;

import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Loader;
import dev.larder.internal.key.KeyRenderer;
import org.jspecify.annotations.Nullable;

/**
 * A woven {@code @Cached} method. The woven code does, around the untouched body:
 *
 * <pre>{@code
 * // enter: skip the body when this returns non-null
 * Object key = SITE.key(args);                      // or SITE.handle.key(id) when the key is plain parameters
 * Object value = SITE.handle.get(key);
 * if (value == CachedHandle.MISS) {
 *     value = SITE.handle.begin(key, SITE.refresher(this, args));
 *     if (value instanceof CachedHandle.Ticket) { ticket = value; run the body }
 * }
 * return CachedSite.mask(value);
 * // exit: complete(ticket, returned) or fail(ticket, thrown); or returned = CachedSite.unmask(entered)
 * }</pre>
 */
public final class CachedSite {
    /** Stands for a cached {@code null}, so that the enter advice can say "skip the body" with a non-null value. */
    private static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "NULL";
        }
    };

    /** The method's handle; woven code calls {@code get}, {@code begin}, {@code complete} and {@code fail} on it. */
    public final CachedHandle handle;

    private final KeyRenderer renderer;
    private final @Nullable MethodBody body;

    CachedSite(CachedHandle handle, KeyRenderer renderer, @Nullable MethodBody body) {
        this.handle = handle;
        this.renderer = renderer;
        this.body = body;
    }

    /** The key of a call. */
    public Object key(@Nullable Object[] args) {
        return renderer.render(args, null);
    }

    /** Reruns the body for a refresh-ahead of this call's key; null when the method has no {@code @RefreshAhead}. */
    public @Nullable Loader refresher(@Nullable Object target, @Nullable Object[] args) {
        return body == null ? null : body.loader(target, args);
    }

    /** A value as the enter advice returns it: never null. */
    public static Object mask(@Nullable Object value) {
        return value == null ? NULL : value;
    }

    /** The value {@link #mask} stood for. */
    public static @Nullable Object unmask(Object masked) {
        return masked == NULL ? null : masked;
    }

    @Override
    public String toString() {
        return handle.toString();
    }
}
