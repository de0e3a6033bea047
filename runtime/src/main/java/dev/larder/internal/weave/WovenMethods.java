package dev.larder.internal.weave;

import dev.larder.internal.handle.Handles;
import dev.larder.internal.key.KeyRenderer;
import dev.larder.internal.key.PathReader;
import dev.larder.internal.writebehind.BatchWriter;
import dev.larder.model.KeyTemplate;
import dev.larder.model.Operation;
import dev.larder.model.OperationCodec;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The factories a woven class's static initializer calls, once per woven method and annotation, with constants the
 * weaver wrote into the class: the method's name, descriptor and parameter names (the weaver reads them from the
 * class file, so they need not be available to reflection), the name of the private synthetic copy of its body
 * ({@code ""} when there is none) and the validated, defaulted operation as {@link OperationCodec} encodes it, its
 * durations already parsed. Each factory resolves the method's types and the body copy through the class's own
 * {@link MethodHandles.Lookup}, compiles the key template once, and registers the handle with the runtime.
 *
 * @throws IllegalArgumentException naming the site when a template does not fit the method (the weaver checks this
 *     first, so it means the class changed between weaving and loading)
 */
public final class WovenMethods {
    private WovenMethods() {}

    public static CachedSite cached(
            MethodHandles.Lookup lookup,
            String method,
            String descriptor,
            String parameterNames,
            String bodyCopy,
            String operation)
            throws ReflectiveOperationException {
        Signature signature = Signature.of(lookup, descriptor, parameterNames);
        OperationCodec.Decoded decoded = OperationCodec.decode(operation);
        Operation.Cached cached = (Operation.Cached) decoded.operation();
        String site = decoded.site();
        return new CachedSite(
                Handles.cached(cached.spec(site, ""), lookup.lookupClass()),
                signature.renderer(cached.key(), null, site),
                signature.body(lookup, bodyCopy, method),
                WovenTags.compile(cached.tags(), signature.names, signature.parameters, signature.type.returnType()));
    }

    public static BulkSite cachedAll(
            MethodHandles.Lookup lookup,
            String method,
            String descriptor,
            String parameterNames,
            String bodyCopy,
            String operation)
            throws ReflectiveOperationException {
        Signature signature = Signature.of(lookup, descriptor, parameterNames);
        OperationCodec.Decoded decoded = OperationCodec.decode(operation);
        Operation.CachedAll all = (Operation.CachedAll) decoded.operation();
        String site = decoded.site();
        int keys = signature.names.indexOf(all.keys());
        MethodBody body = signature.body(lookup, bodyCopy, method);
        if (keys < 0 || body == null) {
            throw new IllegalArgumentException(site + ": a @CachedAll method needs its key collection and body copy");
        }
        List<Class<?>> elementTypes = new ArrayList<>(signature.parameters);
        elementTypes.set(keys, Object.class); // the template names one element of the collection
        KeyRenderer renderer = KeyRenderer.compile(
                KeyTemplate.of(all.key(), signature.names),
                signature.names,
                elementTypes,
                null,
                signature.target,
                site);
        Method declared = lookup.lookupClass().getDeclaredMethod(method, signature.parameters.toArray(new Class<?>[0]));
        java.lang.reflect.Type map = declared.getGenericReturnType();
        String valueType = map instanceof ParameterizedType p ? p.getActualTypeArguments()[1].getTypeName() : "";
        return new BulkSite(Handles.cachedAll(all.spec(site, valueType), lookup.lookupClass()), renderer, body, keys);
    }

    public static WriteThroughSite writeThrough(
            MethodHandles.Lookup lookup,
            String method,
            String descriptor,
            String parameterNames,
            String bodyCopy,
            String operation) {
        Signature signature = Signature.of(lookup, descriptor, parameterNames);
        OperationCodec.Decoded decoded = OperationCodec.decode(operation);
        Operation.WriteThrough write = (Operation.WriteThrough) decoded.operation();
        Class<?> result = signature.type.returnType();
        return new WriteThroughSite(
                Handles.writeThrough(write.spec(decoded.site())),
                signature.renderer(write.key(), result, decoded.site()),
                signature.reader(write.value(), result));
    }

    public static WriteBehindSite writeBehind(
            MethodHandles.Lookup lookup,
            String method,
            String descriptor,
            String parameterNames,
            String bodyCopy,
            String operation)
            throws ReflectiveOperationException {
        Signature signature = Signature.of(lookup, descriptor, parameterNames);
        OperationCodec.Decoded decoded = OperationCodec.decode(operation);
        Operation.WriteBehind write = (Operation.WriteBehind) decoded.operation();
        String site = decoded.site();
        MethodBody body = signature.body(lookup, bodyCopy, method);
        if (body == null) {
            throw new IllegalArgumentException(site + ": a @WriteBehind method needs the copy of its body");
        }
        BatchWriter batch = write.batchMethod().isEmpty() ? null : batchWriter(lookup, write.batchMethod(), site);
        PathReader reader = signature.reader(write.value(), null);
        return new WriteBehindSite(
                Handles.writeBehind(write.spec(site), batch, reader.type()),
                signature.renderer(write.key(), null, site),
                reader,
                body);
    }

    public static InvalidateSite invalidate(
            MethodHandles.Lookup lookup,
            String method,
            String descriptor,
            String parameterNames,
            String bodyCopy,
            String operation) {
        Signature signature = Signature.of(lookup, descriptor, parameterNames);
        OperationCodec.Decoded decoded = OperationCodec.decode(operation);
        Operation.Invalidate invalidate = (Operation.Invalidate) decoded.operation();
        Class<?> result = invalidate.before() ? null : signature.type.returnType();
        boolean keyed = !invalidate.all() && !invalidate.cache().isEmpty();
        return new InvalidateSite(
                Handles.invalidate(invalidate.spec(decoded.site())),
                keyed ? signature.renderer(invalidate.key(), result, decoded.site()) : null,
                invalidate.all(),
                WovenTags.compile(invalidate.tags(), signature.names, signature.parameters, result));
    }

    private static BatchWriter batchWriter(MethodHandles.Lookup lookup, String name, String site)
            throws IllegalAccessException {
        for (Class<?> type = lookup.lookupClass(); type != null; type = type.getSuperclass()) {
            for (Method candidate : type.getDeclaredMethods()) {
                if (candidate.getName().equals(name)
                        && candidate.getParameterCount() == 1
                        && candidate.getParameterTypes()[0].isAssignableFrom(List.class)
                        && !Modifier.isStatic(candidate.getModifiers())
                        && !Modifier.isPrivate(candidate.getModifiers())) {
                    MethodHandle handle = lookup.unreflect(candidate)
                            .asType(MethodType.methodType(void.class, Object.class, List.class));
                    return (target, values) -> {
                        handle.invokeExact(target, values); // a statement, so the call site's type is void
                    };
                }
            }
        }
        throw new IllegalArgumentException(site + ": batch method " + name + " not found");
    }

    /** The woven method's types and parameter names. */
    private static final class Signature {
        final MethodType type;
        final List<String> names;
        final List<Class<?>> parameters;
        // what {this...} reads: the woven class (the weaver refuses {this} on static methods before this runs)
        final Class<?> target;

        private Signature(MethodType type, List<String> names, Class<?> target) {
            this.type = type;
            this.names = names;
            this.parameters = type.parameterList();
            this.target = target;
        }

        static Signature of(MethodHandles.Lookup lookup, String descriptor, String parameterNames) {
            MethodType type = MethodType.fromMethodDescriptorString(
                    descriptor, lookup.lookupClass().getClassLoader());
            List<String> names = parameterNames.isEmpty() ? List.of() : Arrays.asList(parameterNames.split(",", -1));
            if (names.size() != type.parameterCount()) {
                throw new IllegalArgumentException(
                        "parameter names '" + parameterNames + "' do not match descriptor " + descriptor);
            }
            return new Signature(type, List.copyOf(names), lookup.lookupClass());
        }

        KeyRenderer renderer(String key, @Nullable Class<?> result, String site) {
            return KeyRenderer.compile(KeyTemplate.of(key, names), names, parameters, result, target, site);
        }

        PathReader reader(String value, @Nullable Class<?> result) {
            List<String> path = KeyTemplate.parse(value).placeholders().get(0).path();
            return PathReader.compile(path, names, parameters, result);
        }

        @Nullable
        MethodBody body(MethodHandles.Lookup lookup, String bodyCopy, String method)
                throws ReflectiveOperationException {
            if (bodyCopy.isEmpty()) {
                return null;
            }
            boolean isStatic = Modifier.isStatic(lookup.lookupClass()
                    .getDeclaredMethod(bodyCopy, parameters.toArray(new Class<?>[0]))
                    .getModifiers());
            return MethodBody.of(lookup, bodyCopy, type, isStatic);
        }
    }
}
