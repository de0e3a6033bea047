package dev.larder.internal.weave;

import dev.larder.internal.handle.WriteBehindHandle;
import dev.larder.internal.key.KeyRenderer;
import dev.larder.internal.key.PathReader;
import org.jspecify.annotations.Nullable;

/**
 * A woven {@code @WriteBehind} method: the woven code skips the body and calls {@link #write}, which stores the value
 * now and queues the body's untouched copy to run later with the same arguments.
 */
public final class WriteBehindSite {
    private final WriteBehindHandle handle;
    private final KeyRenderer key;
    private final PathReader value;
    private final MethodBody body;

    WriteBehindSite(WriteBehindHandle handle, KeyRenderer key, PathReader value, MethodBody body) {
        this.handle = handle;
        this.key = key;
        this.value = value;
        this.body = body;
    }

    /** Queues the call; returns true, which tells the woven code to skip the body. */
    public boolean write(@Nullable Object target, @Nullable Object[] args) {
        handle.write(target, key.render(target, args, null), value.read(args, null), body.writer(target, args));
        return true;
    }

    @Override
    public String toString() {
        return handle.toString();
    }
}
