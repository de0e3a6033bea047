package dev.larder.weaver;

import dev.larder.model.Declaration;
import dev.larder.model.Durations;
import dev.larder.model.EditDistance;
import dev.larder.model.KeyTemplate;
import dev.larder.model.TagTemplates;
import dev.larder.model.TtlJitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Type;

/**
 * Caching for code without annotations: a rules file maps methods to the attributes the annotations have. One rule a
 * line:
 *
 * <pre>
 * # a comment
 * com.acme.PriceClient#quote(java.lang.String) cached cache=prices ttl=30s key={symbol}
 * com.acme.PriceClient#quote(java.lang.String) refresh-ahead at=0.8
 * com.acme.PriceClient#update invalidate cache=prices key={symbol}
 * com.acme.Books#byAuthor cached tags=author:{authorId},catalogue
 * com.acme.Books#rename invalidate tags=author:{authorId}
 * com.acme.Audit#log(String,String) write-behind key={id} value={line} delay="500ms"
 * </pre>
 *
 * A method is {@code class#name}, which matches every method of that name, or {@code class#name(types)} with the
 * parameter types, fully qualified or simple, comma-separated, which matches one overload. The operation is {@code
 * cached}, {@code refresh-ahead}, {@code write-through}, {@code write-behind} or {@code invalidate}; its attributes are
 * the annotation's, {@code name=value}, the value in double quotes when it holds spaces. Several lines may name one
 * method (for {@code refresh-ahead} or several {@code invalidate}s). A rule replaces the method's own annotations.
 * No rule is silently ignored: a line that does not parse is in {@link #errors()}, a rule that matches no method of
 * its class is reported when the class is woven (with the methods that exist and the nearest one), and one whose class
 * never shows up is reported by the caller through {@link #neverLoaded}. Immutable once parsed.
 */
public final class Rules {
    private static final Map<String, String> OPERATIONS = Map.of(
            "cached", "Cached",
            "cached-all", "CachedAll",
            "refresh-ahead", "RefreshAhead",
            "write-through", "WriteThrough",
            "write-behind", "WriteBehind",
            "invalidate", "Invalidate");
    private static final Map<String, Set<String>> ATTRIBUTES = Map.of(
            "Cached", Set.of("cache", "key", "ttl", "ttlJitter", "cacheNull", "tags", "condition", "unless"),
            "CachedAll", Set.of("cache", "key", "ttl", "cacheNull"),
            "RefreshAhead", Set.of("at", "beta"),
            "WriteThrough", Set.of("cache", "key", "value", "ttl", "ttlJitter", "condition"),
            "WriteBehind",
                    Set.of(
                            "cache",
                            "key",
                            "value",
                            "ttl",
                            "ttlJitter",
                            "delay",
                            "batchSize",
                            "batchMethod",
                            "coalesce",
                            "maxRetries",
                            "condition"),
            "Invalidate", Set.of("cache", "key", "all", "before", "tags", "condition"));

    private final Map<String, List<Rule>> byClass;
    private final List<String> errors;

    private Rules(Map<String, List<Rule>> byClass, List<String> errors) {
        this.byClass = byClass;
        this.errors = List.copyOf(errors);
    }

    /** No rules. */
    public static Rules none() {
        return new Rules(Map.of(), List.of());
    }

    /** Reads a rules file; a line that cannot be used is left out and reported in {@link #errors()}. */
    public static Rules read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses rules lines; {@code source} names them in errors. */
    public static Rules parse(List<String> lines, String source) {
        Map<String, List<Rule>> byClass = new HashMap<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1) + " (" + line + "): ";
            try {
                Rule rule = rule(line, where);
                byClass.computeIfAbsent(rule.className, c -> new ArrayList<>()).add(rule);
            } catch (IllegalArgumentException e) {
                errors.add(where + e.getMessage());
            }
        }
        return new Rules(byClass, errors);
    }

    /** The lines that could not be used, each with its file, number and reason. */
    public List<String> errors() {
        return errors;
    }

    /** Whether any rule names the class (binary name). */
    public boolean names(String className) {
        return byClass.containsKey(className);
    }

    /** Every class a rule names. */
    public Set<String> classNames() {
        return byClass.keySet();
    }

    List<Declaration> declarations(String className, MethodInfo method) {
        List<Rule> rules = byClass.get(className);
        if (rules == null) {
            return List.of();
        }
        List<Declaration> declarations = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.matches(method)) {
                declarations.add(rule.declaration);
            }
        }
        return declarations;
    }

    /**
     * The rules naming {@code type} that match none of its methods, each as an error naming the rules line, the
     * methods that do exist and the nearest of them.
     */
    List<String> unmatched(ClassInfo type) {
        List<Rule> rules = byClass.getOrDefault(type.name(), List.of());
        List<String> errors = new ArrayList<>();
        for (Rule rule : rules) {
            boolean matched = false;
            for (MethodInfo method : type.methods()) {
                if (method.isMethod() && !method.isGenerated() && rule.matches(method)) {
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                errors.add(rule.where + NearestMethod.describe(type, rule.method, rule.types));
            }
        }
        return errors;
    }

    /**
     * An error for each rule naming {@code className}, a class that has not loaded (or is not on the class path),
     * with the nearest of {@code known} class names, if one is near.
     *
     * @param when how it was looked for, completing "no class com.acme.Foo …", such as "had loaded 60s after start"
     */
    public List<String> neverLoaded(String className, String when, Collection<String> known) {
        String nearest = null;
        int best = Math.max(2, className.length() / 8) + 1;
        for (String candidate : known) {
            if (Math.abs(candidate.length() - className.length()) < best) {
                int distance = EditDistance.between(candidate, className);
                if (distance < best) {
                    best = distance;
                    nearest = candidate;
                }
            }
        }
        List<String> errors = new ArrayList<>();
        for (Rule rule : byClass.getOrDefault(className, List.of())) {
            errors.add(rule.where + "no class " + className + " " + when
                    + (nearest == null ? "" : "; did you mean " + nearest + "?")
                    + " (a class is named by its binary name, a nested one as com.acme.Outer$Inner)");
        }
        return errors;
    }

    private static Rule rule(String line, String where) {
        List<String> tokens = tokens(line);
        if (tokens.size() < 2) {
            throw new IllegalArgumentException(
                    "expected 'class#method[(types)] operation name=value ...', where the operation is one of "
                            + String.join(
                                    ", ", OPERATIONS.keySet().stream().sorted().toList()));
        }
        String target = tokens.get(0);
        int hash = target.indexOf('#');
        if (hash <= 0 || hash == target.length() - 1) {
            throw new IllegalArgumentException("'" + target + "' is not class#method or class#method(types)");
        }
        String className = target.substring(0, hash);
        String method = target.substring(hash + 1);
        List<String> types = null;
        int open = method.indexOf('(');
        if (open >= 0) {
            if (!method.endsWith(")")) {
                throw new IllegalArgumentException("'" + target + "' has no closing ')'");
            }
            String inside = method.substring(open + 1, method.length() - 1).replace(" ", "");
            types = inside.isEmpty() ? List.of() : List.of(inside.split(","));
            method = method.substring(0, open);
        }
        String kind = OPERATIONS.get(tokens.get(1));
        if (kind == null) {
            throw new IllegalArgumentException("unknown operation '" + tokens.get(1) + "'; use one of "
                    + String.join(", ", OPERATIONS.keySet().stream().sorted().toList()));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String token : tokens.subList(2, tokens.size())) {
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + token + "' is not name=value");
            }
            String name = token.substring(0, eq);
            if (!ATTRIBUTES.get(kind).contains(name)) {
                throw new IllegalArgumentException(
                        "'" + name + "' is not an attribute of " + tokens.get(1) + "; its attributes are "
                                + ATTRIBUTES.get(kind).stream().sorted().toList());
            }
            String value = unquote(token.substring(eq + 1));
            // tags=author:{authorId},catalogue: a list, as Declaration takes it
            attributes.put(name, name.equals("tags") ? TagTemplates.join(List.of(value.split(",", -1))) : value);
        }
        check(kind, attributes);
        return new Rule(className, method, types, new Declaration(kind, attributes), where);
    }

    // what can be checked without the class: the class-dependent checks happen when it loads
    private static void check(String kind, Map<String, String> attributes) {
        for (String duration : List.of("ttl", "delay")) {
            String text = attributes.get(duration);
            if (text != null && !text.isEmpty()) {
                Durations.parse(text);
            }
        }
        String jitter = attributes.get("ttlJitter");
        if (jitter != null && !jitter.isEmpty()) {
            TtlJitter.parse(jitter);
        }
        for (String template : List.of("key", "value")) {
            String text = attributes.get(template);
            if (text != null && !text.isEmpty()) {
                KeyTemplate.parse(text);
            }
        }
        if ((kind.equals("WriteThrough") || kind.equals("WriteBehind"))
                && attributes.getOrDefault("key", "").isEmpty()) {
            String operation = kind.equals("WriteThrough") ? "write-through" : "write-behind";
            throw new IllegalArgumentException(operation + " needs a key, such as key={id}");
        }
        if (kind.equals("Invalidate")
                && attributes.getOrDefault("cache", "").isEmpty()
                && attributes.getOrDefault("tags", "").isEmpty()) {
            throw new IllegalArgumentException(
                    "invalidate needs the cache to remove from, such as cache=prices, or tags, such as tags=author:{id}");
        }
    }

    private static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                current.append(c);
            } else if (Character.isWhitespace(c) && !quoted) {
                if (current.length() > 0) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a '\"' is not closed");
        }
        if (current.length() > 0) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }

    /** @param where the file, line number and text, as errors start */
    private record Rule(
            String className, String method, @Nullable List<String> types, Declaration declaration, String where) {
        boolean matches(MethodInfo candidate) {
            if (!candidate.name().equals(method)) {
                return false;
            }
            if (types == null) {
                return true;
            }
            Type[] parameters = candidate.parameterTypes();
            if (parameters.length != types.size()) {
                return false;
            }
            List<String> simpleNames = Planner.parameterTypeNames(candidate);
            for (int i = 0; i < types.size(); i++) {
                String want = types.get(i);
                String binary = parameters[i].getClassName();
                if (!want.equals(binary)
                        && !want.equals(binary.replace('$', '.'))
                        && !want.equals(simpleNames.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }
}
