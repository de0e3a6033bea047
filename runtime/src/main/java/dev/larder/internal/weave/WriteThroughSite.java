package dev.larder.internal.weave;

import dev.larder.internal.handle.WriteThroughHandle;
import dev.larder.internal.key.KeyRenderer;
import dev.larder.internal.key.PathReader;
import org.jspecify.annotations.Nullable;

/** A woven {@code @WriteThrough} method: after the body returns normally, the woven code calls {@link #put}. */
public final class WriteThroughSite {
    private final WriteThroughHandle handle;
    private final KeyRenderer key;
    private final PathReader value;

    WriteThroughSite(WriteThroughHandle handle, KeyRenderer key, PathReader value) {
        this.handle = handle;
        this.key = key;
        this.value = value;
    }

    /** Stores the call's value under its key. */
    public void put(@Nullable Object[] args, @Nullable Object result) {
        handle.put(key.render(args, result), value.read(args, result));
    }

    /** As {@link #put(Object[], Object)}, for a key template that reads the call's {@code target}. */
    public void put(@Nullable Object target, @Nullable Object[] args, @Nullable Object result) {
        handle.put(key.render(target, args, result), value.read(args, result));
    }

    @Override
    public String toString() {
        return handle.toString();
    }
}
