package dev.larder.internal.weave;

import dev.larder.internal.handle.Loader;
import dev.larder.internal.writebehind.Writer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.jspecify.annotations.Nullable;

/**
 * The untouched copy of a woven method's body, which the weaver keeps as a private synthetic method, so that a
 * refresh-ahead or a write-behind flush can run the body later without going through the cache again. Resolved once to
 * a {@link MethodHandle} taking the target and the argument array.
 */
final class MethodBody {
    private static final MethodType INVOKER = MethodType.methodType(Object.class, Object.class, Object[].class);

    private final MethodHandle invoker;

    private MethodBody(MethodHandle invoker) {
        this.invoker = invoker;
    }

    static MethodBody of(MethodHandles.Lookup lookup, String name, MethodType type, boolean isStatic)
            throws ReflectiveOperationException {
        Class<?> owner = lookup.lookupClass();
        MethodHandle body =
                isStatic ? lookup.findStatic(owner, name, type) : lookup.findSpecial(owner, name, type, owner);
        MethodHandle spread = body.asSpreader(Object[].class, type.parameterCount());
        if (isStatic) {
            spread = MethodHandles.dropArguments(spread, 0, Object.class);
        }
        return new MethodBody(spread.asType(INVOKER));
    }

    /** Runs the body on {@code target} (null for a static method) with {@code args}, which must not change. */
    Loader loader(@Nullable Object target, @Nullable Object[] args) {
        return () -> (Object) invoker.invokeExact(target, args);
    }

    Writer writer(@Nullable Object target, @Nullable Object[] args) {
        return () -> {
            Object ignored = (Object) invoker.invokeExact(target, args);
        };
    }
}
