package dev.larder.internal.weave;

import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Loader;
import dev.larder.internal.key.KeyRenderer;
import org.jspecify.annotations.Nullable;

/**
 * A woven {@code @Cached} method's site: its handle, the renderer of keys that are not plain parameters, and the body
 * to rerun for a refresh-ahead. The woven method does (see the weaver's {@code WrapperWriter} and {@code MissWriter}):
 *
 * <pre>{@code
 * Object key = HANDLE.key(id);                      // or SITE.key(args) when the key is not plain parameters
 * Object value = HANDLE.get(key);
 * return value != CachedHandle.MISS ? (R) value : find$larder$miss(id, key);
 *
 * R find$larder$miss(int id, Object key) {
 *     Object value = HANDLE.begin(key, SITE.refresher(this, args));   // null instead without @RefreshAhead
 *     if (!(value instanceof CachedHandle.Ticket)) return (R) value;
 *     try { result = find$larder$body(id); } catch (Throwable t) { HANDLE.fail(value, t); throw t; }
 *     HANDLE.complete(value, result);
 *     return result;
 * }
 * }</pre>
 *
 * {@code HANDLE} is a static field of the woven class holding {@link #handle}, read directly on the hit path.
 * Thread-safe: immutable.
 */
public final class CachedSite {
    /** The method's handle; woven code calls {@code get}, {@code begin}, {@code complete} and {@code fail} on it. */
    public final CachedHandle handle;

    private final KeyRenderer renderer;
    private final @Nullable MethodBody body;
    private final WovenTags tags;

    CachedSite(CachedHandle handle, KeyRenderer renderer, @Nullable MethodBody body, WovenTags tags) {
        this.handle = handle;
        this.renderer = renderer;
        this.body = body;
        this.tags = tags;
    }

    /**
     * Ends the load of a {@link CachedHandle#begin} ticket of a tagged method with the body's result, tagged with the
     * tags of this call: woven code calls this instead of {@link CachedHandle#complete(Object, Object)}.
     */
    public void complete(Object ticket, @Nullable Object[] args, @Nullable Object value) {
        handle.complete(ticket, value, tags.render(args, value));
    }

    /** The key of a call. */
    public Object key(@Nullable Object[] args) {
        return renderer.render(args, null);
    }

    /** The key of a call on {@code target}, for a template that reads {@code {this...}}. */
    public Object key(@Nullable Object target, @Nullable Object[] args) {
        return renderer.render(target, args, null);
    }

    /** Reruns the body for a refresh-ahead of this call's key; null when the method has no {@code @RefreshAhead}. */
    public @Nullable Loader refresher(@Nullable Object target, @Nullable Object[] args) {
        return body == null ? null : body.loader(target, args);
    }

    @Override
    public String toString() {
        return handle.toString();
    }
}
