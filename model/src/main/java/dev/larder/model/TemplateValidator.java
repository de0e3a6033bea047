package dev.larder.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks a key template against a method signature. Independent of reflection: the processor, the weaver and the
 * runtime supply their own {@link TypeModel}s and get the same messages for the same mistakes.
 *
 * <p>Every message names the site, the template and the problem, and says what is allowed. All problems are
 * reported, not only the first. Thread-safe and stateless.
 */
public final class TemplateValidator {
    private static final int MAX_LISTED_PROPERTIES = 10;

    /** Why a template may not read {@code {result}}, completing "{result} is not available here because …". */
    public enum NoResult {
        /** A {@code @Cached} lookup key is computed before the method runs. */
        BEFORE_CALL("the key is computed before the method runs"),
        /** The method is {@code void}. */
        VOID_METHOD("the method returns void"),
        /** {@code @Invalidate(before = true)} removes the entry before the method runs. */
        INVALIDATE_BEFORE("@Invalidate(before = true) removes the entry before the method runs"),
        /** {@code @WriteBehind} stores the value before the method body runs. */
        WRITE_BEHIND("@WriteBehind stores the value before the method body runs"),
        /** No reason known to the caller. */
        UNAVAILABLE("the result is not available to this template");

        private final String reason;

        NoResult(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private TemplateValidator() {}

    /**
     * Validates {@code template} against {@code parameters} (in declaration order) and {@code result} (empty where
     * the template may not read the return value).
     *
     * @param site the method, for messages: {@code com.acme.UserService#find(int)}
     * @return the errors, empty when the template is valid
     */
    public static List<String> validate(
            KeyTemplate template, Map<String, TypeModel> parameters, Optional<TypeModel> result, String site) {
        return validate(template, parameters, result, NoResult.UNAVAILABLE, site);
    }

    /** As {@link #validate(KeyTemplate, Map, Optional, String)}, saying why there is no result when there is none. */
    public static List<String> validate(
            KeyTemplate template,
            Map<String, TypeModel> parameters,
            Optional<TypeModel> result,
            NoResult whyNoResult,
            String site) {
        return validate(template, parameters, result, whyNoResult, Target.UNKNOWN, site);
    }

    /**
     * As {@link #validate(KeyTemplate, Map, Optional, NoResult, String)}, with {@code target} for {@code {this...}}
     * placeholders. A parameter cannot be named {@code this} in Java, so {@code this} never shadows one.
     */
    public static List<String> validate(
            KeyTemplate template,
            Map<String, TypeModel> parameters,
            Optional<TypeModel> result,
            NoResult whyNoResult,
            Target target,
            String site) {
        String prefix = site + ": key template \"" + template.text() + "\" ";
        List<String> errors = new ArrayList<>();
        List<String> names = List.copyOf(parameters.keySet());
        boolean uncompiledNames = !names.isEmpty();
        for (String name : names) { // a loop, not a stream: the weaver runs this while classes load
            uncompiledNames &= isUncompiledName(name);
        }
        if (uncompiledNames && !template.equals(KeyTemplate.ofParameters(names))) {
            errors.add(prefix + "cannot be checked: the parameter names were not compiled into the class (they read "
                    + names + "). Compile with javac -parameters (maven-compiler-plugin <parameters>true</parameters>)"
                    + " or use the annotation processor; a template must not depend on arg0-style names");
            return errors;
        }
        for (Placeholder placeholder : template.placeholders()) {
            if (placeholder.isTarget()) {
                TypeModel type = target(placeholder, target, prefix, errors);
                if (type != null) {
                    properties(placeholder, type, prefix, errors);
                }
                continue;
            }
            TypeModel root = root(placeholder, parameters, result, whyNoResult, prefix, errors);
            if (root != null) {
                properties(placeholder, root, prefix, errors);
            }
        }
        return errors;
    }

    private static @Nullable TypeModel root(
            Placeholder placeholder,
            Map<String, TypeModel> parameters,
            Optional<TypeModel> result,
            NoResult whyNoResult,
            String prefix,
            List<String> errors) {
        if (placeholder.isResult()) {
            if (result.isEmpty()) {
                String shadowed = parameters.containsKey(Placeholder.RESULT)
                        ? "; 'result' always means the return value, so a parameter named result cannot be used in a"
                                + " key template: rename it"
                        : "";
                errors.add(prefix + "uses " + placeholder + " but the return value is not available here because "
                        + whyNoResult.reason() + "; use parameters instead" + shadowed);
            }
            return result.orElse(null);
        }
        TypeModel parameter = parameters.get(placeholder.root());
        if (parameter == null) {
            String known = parameters.isEmpty()
                    ? "the method has no parameters"
                    : "the parameters are " + String.join(", ", parameters.keySet());
            errors.add(prefix + "names parameter '" + placeholder.root() + "' in " + placeholder
                    + ", which does not exist; " + known + (result.isPresent() ? ", and {result}" : ""));
        }
        return parameter;
    }

    /** The type {@code {this.path}} starts from, or null when there is nothing more to check. */
    private static @Nullable TypeModel target(
            Placeholder placeholder, Target target, String prefix, List<String> errors) {
        if (target.type().isEmpty()) {
            errors.add(prefix + "uses " + placeholder + " but " + target.unavailable() + "; use parameters instead");
            return null;
        }
        List<String> path = placeholder.path();
        if (path.size() == 1) {
            errors.add(prefix + "uses {this} alone, but the identity of an object is not stable across JVMs or"
                    + " restarts, so such a key could not be shared through Redis; name a property of it, such as"
                    + " {this.name}, or {this.class} for its runtime class name");
            return null;
        }
        if (path.get(1).equals(Target.CLASS)) {
            if (path.size() > 2) {
                errors.add(prefix + "cannot read '" + path.get(2) + "' in " + placeholder
                        + ": {this.class} is the runtime class name, a String, and is used as it is");
            }
            return null;
        }
        return target.type().get();
    }

    private static void properties(Placeholder placeholder, TypeModel root, String prefix, List<String> errors) {
        TypeModel type = root;
        List<String> path = placeholder.path();
        for (int i = 1; i < path.size(); i++) {
            String name = path.get(i);
            var property = type.property(name);
            if (property.isEmpty()) {
                errors.add(prefix + "cannot read '" + name + "' in " + placeholder + ": type " + type.displayName()
                        + " (the type of " + String.join(".", path.subList(0, i)) + ") has no property '" + name
                        + "'; " + listed(type.propertyNames())
                        + ". A property is a public getter getX() or isX() (boolean), a record accessor x() or a"
                        + " public field x");
                return;
            }
            type = property.get();
        }
    }

    private static String listed(List<String> names) {
        if (names.isEmpty()) {
            return "it has no properties";
        }
        if (names.size() <= MAX_LISTED_PROPERTIES) {
            return "its properties are " + String.join(", ", names);
        }
        return "its properties include " + String.join(", ", names.subList(0, MAX_LISTED_PROPERTIES)) + " and "
                + (names.size() - MAX_LISTED_PROPERTIES) + " more";
    }

    /** {@code arg0}, {@code arg1}...: what a class file compiled without {@code -parameters} gives. */
    private static boolean isUncompiledName(String name) {
        if (name.length() < 4 || !name.startsWith("arg")) {
            return false;
        }
        for (int i = 3; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
