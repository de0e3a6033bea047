package dev.larder.internal.handle;

import dev.larder.ValueType;
import dev.larder.internal.model.CachedSpec;
import dev.larder.internal.model.ResultKind;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The type a {@code @Cached} method's Redis values are decoded into: the spec's return type when generated code gave
 * it, else the generic return type of the method that the site names, found once by reflection. For {@code Optional}
 * and future results, the inner type. Not on any hot path: called when a handle is bound to a Redis-backed cache.
 */
final class DeclaredTypes {
    private DeclaredTypes() {}

    /** The value type, or null when it cannot be known safely (the method is not found, or it is generic in T). */
    static @Nullable ValueType of(CachedSpec spec, ClassLoader loader) {
        String text = spec.returnType().isEmpty() ? fromSite(spec.site(), loader) : spec.returnType();
        if (text == null) {
            return null;
        }
        if (spec.result() != ResultKind.VALUE) {
            text = inner(text);
        }
        return new ValueType(text.replace("? extends ", "").replace("?", "java.lang.Object"), loader);
    }

    /** {@code X} of {@code Optional<X>} or {@code CompletableFuture<X>}; {@code java.lang.Object} when raw. */
    static String inner(String text) {
        int open = text.indexOf('<');
        int close = text.lastIndexOf('>');
        return open < 0 || close < open
                ? "java.lang.Object"
                : text.substring(open + 1, close).trim();
    }

    private static @Nullable String fromSite(String site, ClassLoader loader) {
        int hash = site.indexOf('#');
        int open = site.indexOf('(', hash);
        int close = site.lastIndexOf(')');
        if (hash < 0 || open < 0 || close < open) {
            return null;
        }
        Class<?> owner = load(site.substring(0, hash), loader);
        if (owner == null) {
            return null;
        }
        String name = site.substring(hash + 1, open);
        List<String> parameters = parameters(site.substring(open + 1, close));
        Method method = find(owner, name, parameters);
        if (method == null || hasTypeVariable(method.getGenericReturnType())) {
            return null;
        }
        return method.getGenericReturnType().getTypeName();
    }

    /**
     * The class a site names: sites write nested classes with {@code .} ({@code com.acme.Outer.Inner}), so when the
     * name does not load as it is, its last dots become {@code $}, one at a time from the right.
     */
    static @Nullable Class<?> load(String name, ClassLoader loader) {
        String candidate = name;
        while (true) {
            try {
                return Class.forName(candidate, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                int dot = candidate.lastIndexOf('.');
                if (dot < 0) {
                    return null;
                }
                candidate = candidate.substring(0, dot) + '$' + candidate.substring(dot + 1);
            }
        }
    }

    private static List<String> parameters(String text) {
        List<String> parameters = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parameters.add(current.toString().trim());
                current.setLength(0);
            } else if (depth == 0) {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            parameters.add(current.toString().trim());
        }
        return parameters;
    }

    private static @Nullable Method find(Class<?> owner, String name, List<String> parameters) {
        for (Class<?> type = owner; type != null; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (matches(method, name, parameters)) {
                    return method;
                }
            }
        }
        for (Method method : owner.getMethods()) {
            if (matches(method, name, parameters)) {
                return method;
            }
        }
        return null;
    }

    private static boolean matches(Method method, String name, List<String> parameters) {
        if (!method.getName().equals(name) || method.isBridge() || method.getParameterCount() != parameters.size()) {
            return false;
        }
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            String given = parameters.get(i).replace("...", "[]");
            Class<?> type = types[i];
            if (!given.equals(type.getSimpleName())
                    && !given.equals(type.getTypeName())
                    && !given.equals(type.getCanonicalName())) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasTypeVariable(Type type) {
        if (type instanceof TypeVariable<?>) {
            return true;
        }
        if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                if (hasTypeVariable(argument)) {
                    return true;
                }
            }
        }
        if (type instanceof GenericArrayType array) {
            return hasTypeVariable(array.getGenericComponentType());
        }
        if (type instanceof WildcardType wildcard) {
            for (Type bound : wildcard.getUpperBounds()) {
                if (hasTypeVariable(bound)) {
                    return true;
                }
            }
        }
        return false;
    }
}
