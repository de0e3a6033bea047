package dev.larder.model;

import dev.larder.model.ForeignMethod.Translation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * JCache's (JSR-107) annotations ({@code javax.cache.annotation}) as Larder declarations, read by name so that the
 * JCache API is not needed: {@code @CacheResult} becomes {@code @Cached} ({@code @WriteThrough} of the result with
 * {@code skipGet = true}: the method always runs and its result is stored), {@code @CachePut} {@code @WriteThrough} of
 * the {@code @CacheValue} parameter, {@code @CacheRemove} and {@code @CacheRemoveAll} {@code @Invalidate}
 * ({@code afterInvocation = false}: before the method runs).
 *
 * <p>Cache names and keys are the specification's: the annotation's {@code cacheName}, else the class's {@code
 * @CacheDefaults(cacheName)}, else {@code package.Class.method(package.Type,...)} (types as {@code Class.getName}
 * spells them); the key is the parameters annotated {@code @CacheKey}, else every parameter ({@code @CachePut}: every
 * parameter but the {@code @CacheValue} one), in order. {@code null} results are not cached, as a JCache cache cannot
 * hold {@code null}.
 */
public final class JCache {
    /** The package of the annotations. */
    public static final String PACKAGE = "javax.cache.annotation.";

    private static final Set<String> METHOD_KINDS = Set.of("CacheResult", "CachePut", "CacheRemove", "CacheRemoveAll");
    private static final List<String> UNSUPPORTED = List.of("cacheResolverFactory", "cacheKeyGenerator");

    private final ForeignMethod method;
    private final List<Declaration> declarations = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    private JCache(ForeignMethod method) {
        this.method = method;
    }

    /** Whether the binary type name is one of the JCache annotations that make a method cached. */
    public static boolean isMethodAnnotation(String type) {
        return type.startsWith(PACKAGE) && METHOD_KINDS.contains(type.substring(PACKAGE.length()));
    }

    /** The method's JCache annotations as declarations, or what is wrong with them. */
    public static Translation translate(ForeignMethod method) {
        JCache jcache = new JCache(method);
        for (ForeignAnnotation annotation : method.annotations()) {
            if (isMethodAnnotation(annotation.type())) {
                jcache.add(annotation);
            }
        }
        return new Translation(jcache.declarations, jcache.problems);
    }

    /** A method with both JCache's and Larder's annotations: which one applies would be a guess. */
    public static Problem withLarder(String site) {
        return new Problem(
                "JCacheWithLarder",
                null,
                "",
                site + ": has both JCache and Larder annotations; keep one kind (Larder's offer ttl and refresh)");
    }

    private void add(ForeignAnnotation a) {
        boolean supported = supported(a);
        String cache = cacheName(a);
        String kind = a.simpleName();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("cache", cache);
        switch (kind) {
            case "CacheResult" -> {
                if (!a.string("exceptionCacheName").isEmpty()) {
                    unsupported(a, "exceptionCacheName", "Larder does not cache exceptions; remove it");
                    supported = false;
                }
                attributes.put("key", key(-1));
                if (a.bool("skipGet", false)) {
                    attributes.put("value", "{" + Placeholder.RESULT + "}");
                    kind = "WriteThrough";
                } else {
                    attributes.put("cacheNull", "false");
                    kind = "Cached";
                }
            }
            case "CachePut" -> {
                int value = cacheValue(a);
                if (value < 0) {
                    return;
                }
                supported &= after(a, "cacheFor", "noCacheFor");
                attributes.put("key", key(value));
                attributes.put("value", "{" + method.parameterNames().get(value) + "}");
                kind = "WriteThrough";
            }
            case "CacheRemove" -> {
                supported &= after(a, "evictFor", "noEvictFor");
                attributes.put("key", key(-1));
                attributes.put("before", String.valueOf(!a.bool("afterInvocation", true)));
                kind = "Invalidate";
            }
            default -> {
                supported &= after(a, "evictFor", "noEvictFor");
                attributes.put("all", "true");
                attributes.put("before", String.valueOf(!a.bool("afterInvocation", true)));
                kind = "Invalidate";
            }
        }
        attributes.values().removeIf(String::isEmpty);
        if (supported) {
            declarations.add(new Declaration(kind, attributes));
        }
    }

    /**
     * Exceptions that still write or remove are not honoured: Larder writes and removes after a normal return only.
     * {@code @CachePut(afterInvocation = false)}, which stores before the method runs, is not honoured either.
     */
    private boolean after(ForeignAnnotation a, String... exceptionLists) {
        boolean supported = true;
        for (String list : exceptionLists) {
            if (!a.strings(list).isEmpty()) {
                unsupported(a, list, "Larder writes and removes entries after a normal return only; remove it");
                supported = false;
            }
        }
        if (a.simpleName().equals("CachePut") && !a.bool("afterInvocation", true)) {
            unsupported(a, "afterInvocation", "Larder stores after the method returns normally; remove it");
            supported = false;
        }
        return supported;
    }

    /** The index of the one {@code @CacheValue} parameter, or -1 when there is not exactly one (reported). */
    private int cacheValue(ForeignAnnotation a) {
        List<Integer> found = annotatedParameters("CacheValue");
        if (found.size() != 1) {
            problem(
                    "JCacheValue",
                    a,
                    " needs exactly one parameter annotated @CacheValue, the value to store, but " + method.methodName()
                            + " has " + found.size());
            return -1;
        }
        return found.get(0);
    }

    /** The parameters annotated {@code @CacheKey}, else every parameter but {@code except}, as a key template. */
    private String key(int except) {
        List<Integer> keys = annotatedParameters("CacheKey");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < method.parameterNames().size(); i++) {
            if (keys.isEmpty() ? i != except : keys.contains(i)) {
                names.add(method.parameterNames().get(i));
            }
        }
        return KeyTemplate.ofParameters(names).text();
    }

    private List<Integer> annotatedParameters(String simpleName) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < method.parameterAnnotations().size(); i++) {
            if (method.parameterAnnotations().get(i).contains(PACKAGE + simpleName)) {
                found.add(i);
            }
        }
        return found;
    }

    /** The annotation's cache name, else {@code @CacheDefaults}', else the specification's default. */
    private String cacheName(ForeignAnnotation a) {
        if (!a.string("cacheName").isEmpty()) {
            return a.string("cacheName");
        }
        ForeignAnnotation defaults = defaults();
        if (defaults != null && !defaults.string("cacheName").isEmpty()) {
            return defaults.string("cacheName");
        }
        return method.className() + "." + method.methodName() + "(" + String.join(",", method.parameterTypes()) + ")";
    }

    private @Nullable ForeignAnnotation defaults() {
        for (ForeignAnnotation type : method.typeAnnotations()) {
            if (type.type().equals(PACKAGE + "CacheDefaults")) {
                return type;
            }
        }
        return null;
    }

    /** Reports custom key generators and cache resolvers, on the annotation or {@code @CacheDefaults}. */
    private boolean supported(ForeignAnnotation a) {
        boolean supported = true;
        ForeignAnnotation defaults = defaults();
        for (ForeignAnnotation where : defaults == null ? List.of(a) : List.of(a, defaults)) {
            for (String attribute : UNSUPPORTED) {
                if (!where.string(attribute).isEmpty()) {
                    unsupported(
                            where,
                            attribute,
                            "Larder makes keys as the specification's default generator does"
                                    + " and keeps entries in its own caches; remove it");
                    supported = false;
                }
            }
        }
        return supported;
    }

    private void unsupported(ForeignAnnotation a, String attribute, String why) {
        problem(
                "JCacheNotSupported",
                a,
                "(" + attribute + " = " + a.values().get(attribute) + ") is not supported: " + why);
    }

    private void problem(String tag, ForeignAnnotation a, String message) {
        problems.add(new Problem(tag, null, "", method.site() + ": @" + a.simpleName() + message));
    }
}
