package dev.larder.internal.handle;

import dev.larder.internal.model.CachedSpec;
import dev.larder.internal.model.InvalidateSpec;
import dev.larder.internal.model.WriteBehindSpec;
import dev.larder.internal.model.WriteSpec;
import dev.larder.internal.state.LarderRuntime;
import dev.larder.internal.writebehind.BatchWriter;
import org.jspecify.annotations.Nullable;

/**
 * The entry point that generated and woven code call, once per annotated method, to get that method's handle. Every
 * handle is registered with the runtime, which binds it again when it is reconfigured.
 *
 * <p>Each factory fails with an {@link IllegalArgumentException} naming the site when the spec is invalid (a
 * malformed key template or TTL), and with {@link dev.larder.ConfigurationException} when the configuration is.
 */
public final class Handles {
    private Handles() {}

    public static CachedHandle cached(CachedSpec spec) {
        return LarderRuntime.register(state -> new CachedHandle(spec, state));
    }

    public static WriteThroughHandle writeThrough(WriteSpec spec) {
        return LarderRuntime.register(state -> new WriteThroughHandle(spec, state));
    }

    /**
     * @param batchWriter calls the {@code batchMethod} on the target with one batch of values, or null when the
     *     method has none
     */
    public static WriteBehindHandle writeBehind(WriteBehindSpec spec, @Nullable BatchWriter batchWriter) {
        return LarderRuntime.register(state -> new WriteBehindHandle(spec, batchWriter, state));
    }

    public static InvalidateHandle invalidate(InvalidateSpec spec) {
        return LarderRuntime.register(state -> new InvalidateHandle(spec, state));
    }
}
