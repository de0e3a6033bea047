package dev.larder.model;

import dev.larder.model.ForeignMethod.Translation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Spring Cache's annotations ({@code org.springframework.cache.annotation}) as Larder declarations, read by name so
 * that Spring is not needed: {@code @Cacheable} becomes {@code @Cached}, {@code @CachePut} {@code @WriteThrough} of the
 * result, {@code @CacheEvict} one {@code @Invalidate} per cache name, {@code @Caching} all of these, and
 * class-level {@code @CacheConfig(cacheNames)} names the cache of methods that name none. Keys are compiled from the
 * SpEL subset of {@link SpelKeys}; without {@code key}, the key is every parameter, as Spring's {@code
 * SimpleKeyGenerator} makes it (none: one constant key; one: the parameter; several: all of them in order).
 *
 * <p>Choices where Spring and Larder differ: {@code null} results are cached, as Spring's cache managers do by default,
 * unless {@code unless = "#result == null"}; {@code sync} is accepted, as Larder always loads a key once at a time; a
 * {@code @Cacheable} or {@code @CachePut} may name one cache only, as Larder keeps a method's entries in one cache.
 */
public final class SpringCache {
    /** The package of the annotations. */
    public static final String PACKAGE = "org.springframework.cache.annotation.";

    private static final Set<String> METHOD_KINDS = Set.of("Cacheable", "CachePut", "CacheEvict", "Caching");
    private static final List<String> UNSUPPORTED = List.of("keyGenerator", "cacheManager", "cacheResolver");

    private final ForeignMethod method;
    private final List<Declaration> declarations = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    private SpringCache(ForeignMethod method) {
        this.method = method;
    }

    /** Whether the binary type name is one of the Spring annotations that make a method cached. */
    public static boolean isMethodAnnotation(String type) {
        return type.startsWith(PACKAGE) && METHOD_KINDS.contains(type.substring(PACKAGE.length()));
    }

    /**
     * {@code @Cacheable}, {@code @CachePut}, {@code @CacheEvict} or {@code @Caching} on a class, which Spring applies to
     * every public method: not honoured, so that which methods of a class are cached is said on each of them.
     *
     * @param typeName the class as messages show it
     * @return the problem, or empty when {@code annotationType} is not one of those annotations
     */
    public static Optional<Problem> onClass(String typeName, String annotationType) {
        if (!isMethodAnnotation(annotationType)) {
            return Optional.empty();
        }
        String simple = annotationType.substring(PACKAGE.length());
        return Optional.of(new Problem(
                "SpringNotSupported",
                null,
                "",
                typeName + ": @" + simple + " on a class is not supported: put it on each method to cache"));
    }

    /** The method's Spring Cache annotations as declarations, or what is wrong with them. */
    public static Translation translate(ForeignMethod method) {
        SpringCache spring = new SpringCache(method);
        for (ForeignAnnotation annotation : method.annotations()) {
            spring.add(annotation);
        }
        return new Translation(spring.declarations, spring.problems);
    }

    private void add(ForeignAnnotation annotation) {
        if (!isMethodAnnotation(annotation.type())) {
            return;
        }
        switch (annotation.simpleName()) {
            case "Cacheable" -> cacheable(annotation);
            case "CachePut" -> put(annotation);
            case "CacheEvict" -> evict(annotation);
            default -> {
                for (String group : List.of("cacheable", "put", "evict")) {
                    for (ForeignAnnotation nested : annotation.annotations(group)) {
                        add(nested);
                    }
                }
            }
        }
    }

    private void cacheable(ForeignAnnotation a) {
        boolean skipNull = unlessNull(a);
        Map<String, String> attributes = common(a, false);
        if (attributes == null) {
            return;
        }
        attributes.put("cacheNull", String.valueOf(!skipNull));
        declarations.add(new Declaration("Cached", attributes));
    }

    private void put(ForeignAnnotation a) {
        if (!method.returnsValue()) {
            problem(
                    "SpringCachePut",
                    a,
                    "stores what the method returns, but " + method.methodName()
                            + " returns void; return the value to store");
            return;
        }
        if (!a.string("unless").isEmpty()) {
            unsupported(a, "unless", "Larder's @WriteThrough stores every result; remove unless");
        }
        Map<String, String> attributes = common(a, true);
        if (attributes == null) {
            return;
        }
        attributes.put("value", "{" + Placeholder.RESULT + "}");
        if (!attributes.containsKey("key")) {
            attributes.put(
                    "key", KeyTemplate.ofParameters(method.parameterNames()).text());
        }
        declarations.add(new Declaration("WriteThrough", attributes));
    }

    private void evict(ForeignAnnotation a) {
        boolean before = a.bool("beforeInvocation", false);
        boolean all = a.bool("allEntries", false);
        Set<String> names = names(a);
        String key = all ? "" : key(a, !before);
        if (!supported(a) || names.isEmpty() || key == null) {
            return;
        }
        for (String name : names) {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("cache", name);
            if (!key.isEmpty()) {
                attributes.put("key", key);
            }
            attributes.put("all", String.valueOf(all));
            attributes.put("before", String.valueOf(before));
            declarations.add(new Declaration("Invalidate", attributes));
        }
    }

    /** The cache and key of {@code @Cacheable} and {@code @CachePut}, or null when they are wrong. */
    private @Nullable Map<String, String> common(ForeignAnnotation a, boolean resultAllowed) {
        Set<String> names = names(a);
        String key = key(a, resultAllowed);
        if (!supported(a) || names.isEmpty() || key == null) {
            return null;
        }
        if (names.size() > 1) {
            problem(
                    "SpringCacheName",
                    a,
                    "names " + names.size() + " caches " + names + ", but Larder keeps a method's entries in one"
                            + " cache; name one (several are allowed on @CacheEvict)");
            return null;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("cache", names.iterator().next());
        if (!key.isEmpty()) {
            attributes.put("key", key);
        }
        return attributes;
    }

    /** The cache names: the annotation's own, else {@code @CacheConfig}'s; reported when there is none. */
    private Set<String> names(ForeignAnnotation a) {
        Set<String> names = new LinkedHashSet<>(a.strings("cacheNames"));
        names.addAll(a.strings("value"));
        if (names.isEmpty()) {
            for (ForeignAnnotation type : method.typeAnnotations()) {
                if (type.type().equals(PACKAGE + "CacheConfig")) {
                    names.addAll(type.strings("cacheNames"));
                }
            }
        }
        names.remove("");
        if (names.isEmpty()) {
            problem(
                    "SpringCacheName",
                    a,
                    "names no cache: set cacheNames, or @CacheConfig(cacheNames) on "
                            + method.className().substring(method.className().lastIndexOf('.') + 1));
        }
        return names;
    }

    /** The key template, {@code ""} for the default key, or null when the expression cannot be compiled. */
    private @Nullable String key(ForeignAnnotation a, boolean resultAllowed) {
        String expression = a.string("key");
        if (expression.isEmpty()) {
            return "";
        }
        try {
            return SpelKeys.template(method, expression, resultAllowed);
        } catch (IllegalArgumentException e) {
            problem(
                    "SpringExpression",
                    a,
                    "(key = \"" + expression + "\") cannot be compiled: " + e.getMessage() + "; supported: "
                            + SpelKeys.SUPPORTED);
            return null;
        }
    }

    /** Reports the attributes Larder does not honour; true when there is none. */
    private boolean supported(ForeignAnnotation a) {
        boolean supported = true;
        for (String attribute : UNSUPPORTED) {
            if (!a.string(attribute).isEmpty()) {
                unsupported(
                        a, attribute, "Larder builds keys from key expressions and keeps entries in its own caches");
                supported = false;
            }
        }
        for (ForeignAnnotation type : method.typeAnnotations()) {
            if (type.type().equals(PACKAGE + "CacheConfig")) {
                for (String attribute : UNSUPPORTED) {
                    if (!type.string(attribute).isEmpty()) {
                        unsupported(
                                type,
                                attribute,
                                "Larder builds keys from key expressions and keeps entries in" + " its own caches");
                        supported = false;
                    }
                }
            }
        }
        if (!a.string("condition").isEmpty()) {
            unsupported(a, "condition", "remove it, or use Larder's own annotations");
            supported = false;
        }
        return supported;
    }

    /** {@code unless = "#result == null"}, the one form of {@code unless} Larder honours: do not cache null. */
    private boolean unlessNull(ForeignAnnotation a) {
        String unless = a.string("unless");
        if (unless.isEmpty()) {
            return false;
        }
        if (unless.replaceAll("\\s+", "").matches("#result(==|eq)null")) {
            return true;
        }
        unsupported(a, "unless", "the form supported is unless = \"#result == null\"");
        return false;
    }

    private void unsupported(ForeignAnnotation a, String attribute, String why) {
        problem(
                "SpringNotSupported",
                a,
                "(" + attribute + " = \"" + a.string(attribute) + "\") is not supported: " + why);
    }

    private void problem(String tag, ForeignAnnotation a, String message) {
        problems.add(new Problem(tag, null, "", method.site() + ": @" + a.simpleName() + message(message)));
    }

    private static String message(String message) {
        return message.startsWith("(") ? message : " " + message;
    }
}
