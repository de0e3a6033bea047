package dev.larder.internal.handle;

import dev.larder.internal.state.LarderRuntime;
import dev.larder.internal.state.RuntimeState;
import dev.larder.model.InvalidateSpec;

/**
 * The runtime's side of one {@code @Invalidate}. Calling code calls {@link #invalidate(Object)} (or {@link
 * #invalidateAll()} when {@code all = true}) before or after the method, as the annotation says.
 */
public final class InvalidateHandle extends Handle {
    private volatile RuntimeState state;

    InvalidateHandle(InvalidateSpec spec, RuntimeState state) {
        super(spec.site(), spec.cache(), spec.all() ? "" : spec.key());
        this.state = state;
    }

    @Override
    public void bind(RuntimeState state) {
        this.state = state;
    }

    /** Removes the key; a load of it already in flight will not put the old value back. */
    public void invalidate(Object key) {
        state.tier(cache).invalidate(key);
    }

    /**
     * Makes every entry carrying one of {@code tags} stale, in every cache; loads in flight will not store values
     * carrying them.
     */
    public void invalidateTags(String... tags) {
        for (String tag : tags) {
            LarderRuntime.invalidateTag(tag);
        }
    }

    /** Removes every key of the cache; loads already in flight will not put old values back. */
    public void invalidateAll() {
        state.tier(cache).invalidateAll();
    }
}
