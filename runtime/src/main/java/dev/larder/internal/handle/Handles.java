package dev.larder.internal.handle;

import dev.larder.internal.state.LarderRuntime;
import dev.larder.internal.state.RuntimeState;
import dev.larder.internal.writebehind.BatchWriter;
import dev.larder.model.CachedSpec;
import dev.larder.model.InvalidateSpec;
import dev.larder.model.WriteBehindSpec;
import dev.larder.model.WriteSpec;
import java.util.function.Function;
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

    /**
     * The handle of a {@code @Cached} method. Redis values are decoded with the class loader of the thread's context
     * (else Larder's): for code that names no class, as tests do. Woven and generated code use {@link
     * #cached(CachedSpec, Class)}: the thread that first uses a class may have a context loader that cannot see it (a
     * JDK pool thread under a nested-jar launcher).
     */
    public static CachedHandle cached(CachedSpec spec) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return cached(spec, context != null ? context : Handles.class.getClassLoader());
    }

    /**
     * The handle of a {@code @Cached} method declared in {@code owner}, whose class loader resolves the return type
     * that Redis values are decoded into.
     */
    public static CachedHandle cached(CachedSpec spec, Class<?> owner) {
        ClassLoader loader = owner.getClassLoader();
        return cached(spec, loader != null ? loader : ClassLoader.getSystemClassLoader());
    }

    private static CachedHandle cached(CachedSpec spec, ClassLoader loader) {
        return LarderRuntime.register(new NewCached(spec, loader));
    }

    /**
     * The handle of a {@code @CachedAll} method declared in {@code owner}: the single lookups of {@code spec}, whose
     * return type is the map's value type, so its entries are those of a {@code @Cached} method of the same cache.
     */
    public static BulkHandle cachedAll(CachedSpec spec, Class<?> owner) {
        return new BulkHandle(cached(spec, owner));
    }

    public static WriteThroughHandle writeThrough(WriteSpec spec) {
        return LarderRuntime.register(new NewWriteThrough(spec));
    }

    /**
     * @param batchWriter calls the {@code batchMethod} on the target with one batch of values, or null when the
     *     method has none
     */
    public static WriteBehindHandle writeBehind(WriteBehindSpec spec, @Nullable BatchWriter batchWriter) {
        return LarderRuntime.register(new NewWriteBehind(spec, batchWriter, null));
    }

    /**
     * @param batchWriter calls the {@code batchMethod} on the target with one batch of values, or null when the
     *     method has none
     * @param valueType the declared type of the values written, into which a journal decodes them
     */
    public static WriteBehindHandle writeBehind(
            WriteBehindSpec spec, @Nullable BatchWriter batchWriter, Class<?> valueType) {
        return LarderRuntime.register(new NewWriteBehind(spec, batchWriter, valueType));
    }

    public static InvalidateHandle invalidate(InvalidateSpec spec) {
        return LarderRuntime.register(new NewInvalidate(spec));
    }

    // Named classes rather than lambdas: see "Start-up" in package dev.larder.

    private record NewCached(CachedSpec spec, ClassLoader loader) implements Function<RuntimeState, CachedHandle> {
        @Override
        public CachedHandle apply(RuntimeState state) {
            return new CachedHandle(spec, loader, state);
        }
    }

    private record NewWriteThrough(WriteSpec spec) implements Function<RuntimeState, WriteThroughHandle> {
        @Override
        public WriteThroughHandle apply(RuntimeState state) {
            return new WriteThroughHandle(spec, state);
        }
    }

    private record NewWriteBehind(
            WriteBehindSpec spec,
            @Nullable BatchWriter batchWriter,
            @Nullable Class<?> valueType) implements Function<RuntimeState, WriteBehindHandle> {
        @Override
        public WriteBehindHandle apply(RuntimeState state) {
            return new WriteBehindHandle(spec, batchWriter, valueType, state);
        }
    }

    private record NewInvalidate(InvalidateSpec spec) implements Function<RuntimeState, InvalidateHandle> {
        @Override
        public InvalidateHandle apply(RuntimeState state) {
            return new InvalidateHandle(spec, state);
        }
    }
}
