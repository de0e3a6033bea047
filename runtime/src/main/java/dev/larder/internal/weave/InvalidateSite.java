package dev.larder.internal.weave;

import dev.larder.internal.handle.InvalidateHandle;
import dev.larder.internal.key.KeyRenderer;
import org.jspecify.annotations.Nullable;

/**
 * A woven {@code @Invalidate}: the woven code calls {@link #invalidate} before the body ({@code before = true}, also
 * when the body throws) or after it returns normally.
 */
public final class InvalidateSite {
    private final InvalidateHandle handle;
    private final @Nullable KeyRenderer key;
    private final boolean all;
    private final WovenTags tags;

    /** @param key the key's renderer; null for {@code all = true} or an invalidation by tags only */
    InvalidateSite(InvalidateHandle handle, @Nullable KeyRenderer key, boolean all, WovenTags tags) {
        this.handle = handle;
        this.key = key;
        this.all = all;
        this.tags = tags;
    }

    /** Removes the call's key, or every entry for {@code all = true}, and the entries carrying its tags. */
    public void invalidate(@Nullable Object[] args, @Nullable Object result) {
        invalidate(null, args, result);
    }

    /** As {@link #invalidate(Object[], Object)}, for a key template that reads the call's {@code target}. */
    public void invalidate(@Nullable Object target, @Nullable Object[] args, @Nullable Object result) {
        if (all) {
            handle.invalidateAll();
        } else if (key != null) {
            handle.invalidate(key.render(target, args, result));
        }
        if (!tags.isEmpty()) {
            handle.invalidateTags(tags.render(args, result));
        }
    }

    @Override
    public String toString() {
        return handle.toString();
    }
}
