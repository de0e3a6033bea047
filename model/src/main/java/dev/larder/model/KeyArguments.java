package dev.larder.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether a method's key determines its arguments, so that a recorded key can call the method again (warm restarts,
 * {@code larder.cache.<name>.warm}): every parameter must be one whole key part ({@code {id}}, not {@code {query.page}}),
 * exactly once, and the key must read nothing else ({@code {this...}}, {@code {result}}). Literal text between the
 * parts is allowed. Stateless.
 */
public final class KeyArguments {
    private KeyArguments() {}

    /**
     * The parameter index of each key part, in key order and joined by {@code ','} ({@code "1,0"} for {@code
     * "{b}:{a}"} of {@code (a, b)}; {@code ""} for a method without parameters), or null when the key does not
     * determine the arguments.
     */
    public static @Nullable String of(String template, List<String> parameterNames) {
        return problem(template, parameterNames).isPresent() ? null : order(template, parameterNames);
    }

    /** Why the key does not determine the arguments, or empty when it does. */
    public static Optional<String> problem(String template, List<String> parameterNames) {
        if (template.isEmpty()) {
            // the constant key of a method without parameters
            return parameterNames.isEmpty()
                    ? Optional.empty()
                    : Optional.of("its key does not name parameter " + parameterNames.get(0));
        }
        KeyTemplate parsed;
        try {
            parsed = KeyTemplate.parse(template);
        } catch (IllegalArgumentException e) {
            return Optional.of("its key template is malformed");
        }
        List<String> named = new ArrayList<>();
        for (Placeholder placeholder : parsed.placeholders()) {
            if (placeholder.isResult()
                    || placeholder.isTarget()
                    || placeholder.path().size() != 1) {
                return Optional.of("its key part {" + placeholder.text() + "} is not a whole parameter");
            }
            if (named.contains(placeholder.root())) {
                return Optional.of("its key names {" + placeholder.root() + "} twice");
            }
            named.add(placeholder.root());
        }
        for (String parameter : parameterNames) {
            if (!named.contains(parameter)) {
                return Optional.of("its key does not name parameter " + parameter);
            }
        }
        return Optional.empty();
    }

    private static String order(String template, List<String> parameterNames) {
        if (template.isEmpty()) {
            return "";
        }
        List<String> indexes = new ArrayList<>();
        for (Placeholder placeholder : KeyTemplate.parse(template).placeholders()) {
            indexes.add(String.valueOf(parameterNames.indexOf(placeholder.root())));
        }
        return String.join(",", indexes);
    }

    /** The parameter indexes of {@link #of}'s text. */
    public static int[] indexes(String order) {
        if (order.isEmpty()) {
            return new int[0];
        }
        String[] parts = order.split(",");
        int[] indexes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            indexes[i] = Integer.parseInt(parts[i]);
        }
        return indexes;
    }
}
