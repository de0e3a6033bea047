package dev.larder.internal.weave;

import dev.larder.internal.handle.BulkHandle;
import dev.larder.internal.key.KeyRenderer;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A woven {@code @CachedAll} method's site. The woven method is one call, {@code return (Map) SITE.getAll(this,
 * args)}: the site renders each element's key from the arguments with the element in place of the collection, and
 * runs the body copy with a collection of only the missing keys in its place (see {@link BulkHandle}). Thread-safe:
 * immutable.
 */
public final class BulkSite {
    private final BulkHandle handle;
    private final KeyRenderer renderer;
    private final MethodBody body;
    private final int keysIndex;

    BulkSite(BulkHandle handle, KeyRenderer renderer, MethodBody body, int keysIndex) {
        this.handle = handle;
        this.renderer = renderer;
        this.body = body;
        this.keysIndex = keysIndex;
    }

    /** The whole call: the map the method returns, from the cache and one run of the body for the missing keys. */
    public Object getAll(@Nullable Object target, @Nullable Object[] args) {
        Object[] call = args.clone(); // the caller's array is the woven method's own: never changed
        Collection<?> keys = (Collection<?>) call[keysIndex];
        Object[] keyArgs = call.clone(); // one call renders its keys one at a time, on its own thread
        return handle.getAll(
                keys,
                element -> {
                    keyArgs[keysIndex] = element;
                    return renderer.render(target, keyArgs, null);
                },
                missing -> {
                    Object[] bodyArgs = call.clone();
                    bodyArgs[keysIndex] = missing;
                    return (Map<?, ?>) body.loader(target, bodyArgs).load();
                });
    }

    @Override
    public String toString() {
        return handle.toString();
    }
}
