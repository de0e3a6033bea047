package dev.larder.internal.handle;

import dev.larder.ValueType;
import dev.larder.internal.log.Logs;
import dev.larder.model.CachedSpec;
import dev.larder.model.ResultKind;
import java.lang.System.Logger.Level;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The type a {@code @Cached} method's Redis values are decoded into: the spec's return type when generated code gave
 * it, else the generic return type of the method that the site names, found once by reflection. For {@code Optional}
 * and future results, the inner type. Not on any hot path: called when a handle is bound to a Redis-backed cache.
 */
final class DeclaredTypes {
    /** The sites already warned about, so that each method is named once, not at every reconfiguration. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private DeclaredTypes() {}

    /**
     * The type a method bound to a Redis-backed cache decodes its values into, or null when it must be cached locally
     * only; then a WARNING, once per method, names the method, its type, why, and what to do.
     */
    static @Nullable ValueType forRemote(CachedSpec spec, ClassLoader loader, String cache) {
        ValueType type = of(spec, loader);
        String why = type == null
                ? "its return type cannot be known (not found from the site, or generic in a type variable)"
                : refusal(type);
        if (why == null) {
            return type;
        }
        if (WARNED.add(spec.site())) {
            String shown = type == null ? spec.returnType() : type.name();
            Logs.get("dev.larder.redis")
                    .log(
                            Level.WARNING,
                            spec.site() + ": cache '" + cache + "' is configured for Redis, but the method's values"
                                    + " cannot go through Redis" + (shown.isEmpty() ? "" : " as " + shown) + ": " + why
                                    + ". It is cached locally only (in this JVM). Declare a concrete return type (a"
                                    + " class or record; an interface only with @JsonTypeInfo(use = NAME) and"
                                    + " @JsonSubTypes), or set larder.cache." + cache + ".backend=local to make local"
                                    + " caching explicit");
        }
        return null;
    }

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

    /**
     * Why values of {@code type} cannot go through Redis, or null when they can. Redis gives back what the codec
     * decodes into the declared type, so the declared type must say which class to build: {@code Object} (anywhere in
     * it, {@code List<Object>} or {@code List<?>} too) decodes into maps and lists, a raw generic type's elements
     * likewise, and an application interface or abstract class fails to decode unless it carries {@code @JsonTypeInfo}
     * with name-based ids ({@code use = NAME}; class-named ids are refused by the codec). JDK interfaces ({@code List},
     * {@code Map}, …) are fine. A class that does not load is left to the codec.
     */
    static @Nullable String refusal(ValueType type) {
        return new TypeText(type.name(), type.classLoader()).refusal();
    }

    /** Walks a generic type written as {@link Type#getTypeName()} does, checking every class it names. */
    private static final class TypeText {
        private final String text;
        private final ClassLoader loader;
        private int at;

        TypeText(String text, ClassLoader loader) {
            this.text = text;
            this.loader = loader;
        }

        @Nullable
        String refusal() {
            return type();
        }

        private @Nullable String type() {
            int start = at;
            while (at < text.length() && "<>,[".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            String name = text.substring(start, at).trim();
            int arguments = 0;
            String refusal = null;
            if (at < text.length() && text.charAt(at) == '<') {
                do {
                    at++; // '<' or ','
                    String inner = type();
                    refusal = refusal != null ? refusal : inner;
                    arguments++;
                } while (at < text.length() && text.charAt(at) == ',');
                at++; // '>'
            }
            while (at + 1 < text.length() && text.charAt(at) == '[' && text.charAt(at + 1) == ']') {
                at += 2;
            }
            String own = check(name, arguments);
            return own != null ? own : refusal;
        }

        private @Nullable String check(String name, int arguments) {
            if (name.equals("java.lang.Object")) {
                return "it is or contains Object, which Redis gives back as maps and lists, not as the class the method"
                        + " returned";
            }
            if (name.isEmpty() || !name.contains(".")) {
                return null; // a primitive
            }
            Class<?> type = load(name, loader);
            if (type == null) {
                return null;
            }
            if (arguments == 0 && type.getTypeParameters().length > 0) {
                return "it is the raw type " + name + ", whose elements Redis gives back as maps and lists";
            }
            boolean jdk = name.startsWith("java.") || name.startsWith("javax.");
            boolean open = type.isInterface() || java.lang.reflect.Modifier.isAbstract(type.getModifiers());
            if (jdk || !open || type.isArray() || type.isPrimitive() || type.isEnum()) {
                return null;
            }
            String ids = typeIds(type);
            if (ids == null) {
                return name + " is an " + (type.isInterface() ? "interface" : "abstract class")
                        + " without @JsonTypeInfo, so nothing in Redis says which class to build";
            }
            if (!ids.equals("NAME") && !ids.equals("SIMPLE_NAME") && !ids.equals("DEDUCTION")) {
                return name + " has @JsonTypeInfo(use = " + ids + "): class-named type ids are never read from Redis,"
                        + " so that its bytes cannot choose a class; use JsonTypeInfo.Id.NAME with @JsonSubTypes";
            }
            return null;
        }
    }

    /**
     * The {@code use} of the {@code @JsonTypeInfo} on a type or its supertypes, or null; read by name, so that this
     * links without Jackson.
     */
    private static @Nullable String typeIds(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getSuperclass()) {
            String found = typeIdsOn(t);
            if (found != null) {
                return found;
            }
            for (Class<?> implemented : t.getInterfaces()) {
                String inherited = typeIds(implemented);
                if (inherited != null) {
                    return inherited;
                }
            }
        }
        return null;
    }

    private static @Nullable String typeIdsOn(Class<?> type) {
        for (java.lang.annotation.Annotation annotation : type.getDeclaredAnnotations()) {
            if (annotation.annotationType().getName().equals("com.fasterxml.jackson.annotation.JsonTypeInfo")) {
                try {
                    return String.valueOf(
                            annotation.annotationType().getMethod("use").invoke(annotation));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return "an unreadable id kind";
                }
            }
        }
        return null;
    }

    /** {@code X} of {@code Optional<X>} or {@code CompletableFuture<X>}; {@code java.lang.Object} when raw. */
    static String inner(String text) {
        int open = text.indexOf('<');
        int close = text.lastIndexOf('>');
        return open < 0 || close < open
                ? "java.lang.Object"
                : text.substring(open + 1, close).trim();
    }

    /** The method a site names, or null when it names none (a class or method that no longer exists). */
    static @Nullable Method method(String site, ClassLoader loader) {
        int hash = site.indexOf('#');
        int open = site.indexOf('(', hash);
        int close = site.lastIndexOf(')');
        if (hash < 0 || open < 0 || close < open) {
            return null;
        }
        Class<?> owner = load(site.substring(0, hash), loader);
        return owner == null
                ? null
                : find(owner, site.substring(hash + 1, open), parameters(site.substring(open + 1, close)));
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
