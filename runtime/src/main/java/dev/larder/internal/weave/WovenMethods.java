package dev.larder.internal.weave;

import dev.larder.internal.handle.Handles;
import dev.larder.internal.key.KeyRenderer;
import dev.larder.internal.key.PathReader;
import dev.larder.internal.writebehind.BatchWriter;
import dev.larder.model.CachedSpec;
import dev.larder.model.InvalidateSpec;
import dev.larder.model.KeyTemplate;
import dev.larder.model.ResultKind;
import dev.larder.model.WriteBehindSpec;
import dev.larder.model.WriteSpec;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The factories a woven class's static initializer calls, once per woven method and annotation, with constants the
 * weaver wrote into the class: the effective, already validated annotation values and the method's parameter names
 * (the weaver reads them from the class file, so they need not be available to reflection). Each factory resolves the
 * method's types and the body copy through the class's own {@link MethodHandles.Lookup}, compiles the key template
 * once, and registers the handle with the runtime.
 *
 * <p>Arguments common to every factory: {@code lookup} is {@code MethodHandles.lookup()} in the woven class; {@code
 * method} and {@code descriptor} name the woven method; {@code parameterNames} are its parameter names joined by
 * {@code ','}; {@code bodyCopy} names the private synthetic copy of its body, or is empty when there is none.
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
            String site,
            String cache,
            String key,
            String ttl,
            boolean cacheNull,
            String result,
            double refreshAt,
            double refreshBeta,
            String bodyCopy)
            throws ReflectiveOperationException {
        Signature signature = Signature.of(lookup, descriptor, parameterNames);
        CachedSpec spec =
                new CachedSpec(site, cache, key, ttl, cacheNull, ResultKind.valueOf(result), refreshAt, refreshBeta);
        return new CachedSite(
                Handles.cached(spec), signature.renderer(key, null, site), signature.body(lookup, bodyCopy, method));
    }

    public static WriteThroughSite writeThrough(
            MethodHandles.Lookup lookup,
            String method,
            String descriptor,
            String parameterNames,
            String site,
            String cache,
            String key,
            String value,
            String ttl) {
        Signature signature = Signature.of(lookup, descriptor, parameterNames);
        Class<?> result = signature.type.returnType();
        return new WriteThroughSite(
                Handles.writeThrough(new WriteSpec(site, cache, key, ttl)),
                signature.renderer(key, result, site),
                signature.reader(value, result));
    }

    public static WriteBehindSite writeBehind(
            MethodHandles.Lookup lookup,
            String method,
            String descriptor,
            String parameterNames,
            String site,
            String cache,
            String key,
            String value,
            String ttl,
            String delay,
            int batchSize,
            String batchMethod,
            boolean coalesce,
            int maxRetries,
            String bodyCopy)
            throws ReflectiveOperationException {
        Signature signature = Signature.of(lookup, descriptor, parameterNames);
        WriteBehindSpec spec = new WriteBehindSpec(site, cache, key, ttl, delay, batchSize, coalesce, maxRetries);
        MethodBody body = signature.body(lookup, bodyCopy, method);
        if (body == null) {
            throw new IllegalArgumentException(site + ": a @WriteBehind method needs the copy of its body");
        }
        BatchWriter batch = batchMethod.isEmpty() ? null : batchWriter(lookup, batchMethod, site);
        PathReader reader = signature.reader(value, null);
        return new WriteBehindSite(
                Handles.writeBehind(spec, batch, reader.type()), signature.renderer(key, null, site), reader, body);
    }

    public static InvalidateSite invalidate(
            MethodHandles.Lookup lookup,
            String method,
            String descriptor,
            String parameterNames,
            String site,
            String cache,
            String key,
            boolean all,
            boolean before) {
        Signature signature = Signature.of(lookup, descriptor, parameterNames);
        Class<?> result = before ? null : signature.type.returnType();
        return new InvalidateSite(
                Handles.invalidate(new InvalidateSpec(site, cache, key, all)),
                all ? null : signature.renderer(key, result, site));
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

        private Signature(MethodType type, List<String> names) {
            this.type = type;
            this.names = names;
            this.parameters = type.parameterList();
        }

        static Signature of(MethodHandles.Lookup lookup, String descriptor, String parameterNames) {
            MethodType type = MethodType.fromMethodDescriptorString(
                    descriptor, lookup.lookupClass().getClassLoader());
            List<String> names = parameterNames.isEmpty() ? List.of() : Arrays.asList(parameterNames.split(",", -1));
            if (names.size() != type.parameterCount()) {
                throw new IllegalArgumentException(
                        "parameter names '" + parameterNames + "' do not match descriptor " + descriptor);
            }
            return new Signature(type, List.copyOf(names));
        }

        KeyRenderer renderer(String key, @Nullable Class<?> result, String site) {
            return KeyRenderer.compile(KeyTemplate.of(key, names), names, parameters, result, site);
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
