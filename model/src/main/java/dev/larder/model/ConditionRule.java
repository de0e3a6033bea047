package dev.larder.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The rules of {@code condition} and {@code unless}, for every mode: each names a method of the annotated method's own
 * type, so that the processor checks it at compile time and no expression language runs at call time.
 *
 * <ul>
 *   <li>{@code condition}: a {@code boolean} method taking exactly the annotated method's parameter types, in order;
 *   <li>{@code unless}: a {@code boolean} method taking the declared return type, or the parameters followed by it.
 * </ul>
 *
 * Either must be non-private (generated subclasses and woven code call it), static exactly when the annotated method
 * is, and declare no checked exception. Stateless.
 */
public final class ConditionRule {
    /** Names further than this from every method get no "did you mean". */
    private static final int NEAR = 3;

    private ConditionRule() {}

    /**
     * Checks {@code kind(condition = "name")}.
     *
     * @param annotated the annotated method
     * @param methods the methods of its type that may be called, its own and inherited
     * @return empty when {@code name} fits, else the message (without the site)
     */
    public static Optional<String> condition(
            String kind, String name, MethodShape annotated, String typeSimpleName, List<MethodShape> methods) {
        List<List<String>> wanted = List.of(annotated.parameterTypes());
        Found found = find(name, wanted, annotated.isStatic(), methods);
        return found.error == null
                ? Optional.empty()
                : Optional.of(message(kind, "condition", name, wanted, annotated, typeSimpleName, found.error));
    }

    /** What {@code unless} names: the method's form, or what is wrong. */
    public record Unless(boolean takesArguments, Optional<String> error) {}

    /**
     * Checks {@code kind(unless = "name")}; {@code annotated} returns a value.
     *
     * @return the form of the method found, or the message (without the site)
     */
    public static Unless unless(
            String kind, String name, MethodShape annotated, String typeSimpleName, List<MethodShape> methods) {
        List<String> withArguments = new ArrayList<>(annotated.parameterTypes());
        withArguments.add(annotated.returnType());
        List<List<String>> wanted = annotated.parameterTypes().isEmpty()
                ? List.of(List.of(annotated.returnType()))
                : List.of(List.of(annotated.returnType()), List.copyOf(withArguments));
        Found found = find(name, wanted, annotated.isStatic(), methods);
        if (found.error != null) {
            return new Unless(
                    false, Optional.of(message(kind, "unless", name, wanted, annotated, typeSimpleName, found.error)));
        }
        return new Unless(found.shape.parameterTypes().size() > 1, Optional.empty());
    }

    /**
     * Why {@code unless} cannot be used on this {@code @Cached} method, if it cannot: a future is stored before it has a
     * result to test, a refresh-ahead that declined to store would leave the old value served until it expires, and
     * a tagged miss path does not yet hand off a value it declines to store.
     */
    public static Optional<String> unlessRefused(ResultKind result, boolean refreshAhead, boolean tagged) {
        if (result == ResultKind.FUTURE) {
            return Optional.of("@Cached(unless) cannot be used on a method returning a future: the future is cached"
                    + " before its result exists; test the completed value in the caller, or use condition");
        }
        if (refreshAhead) {
            return Optional.of("@Cached(unless) cannot be used with @RefreshAhead: a refresh whose result is not"
                    + " stored would leave the old value served until it expires; remove one of them");
        }
        if (tagged) {
            return Optional.of("@Cached(unless) cannot be used with tags yet: remove one of them, or test the result"
                    + " in the caller");
        }
        return Optional.empty();
    }

    private record Found(
            @Nullable MethodShape shape, @Nullable String error) {}

    private static Found find(String name, List<List<String>> wanted, boolean isStatic, List<MethodShape> methods) {
        List<MethodShape> named = new ArrayList<>();
        for (MethodShape m : methods) {
            if (m.name().equals(name)) {
                named.add(m);
            }
        }
        if (named.isEmpty()) {
            return new Found(null, "there is no method " + name + nearest(name, methods));
        }
        for (MethodShape m : named) {
            if (wanted.contains(m.parameterTypes())) {
                return new Found(m, mismatch(m, isStatic));
            }
        }
        List<String> overloads = new ArrayList<>();
        for (MethodShape m : named) {
            overloads.add(m.signature());
        }
        return new Found(null, "there is only " + String.join(" and ", overloads));
    }

    private static @Nullable String mismatch(MethodShape m, boolean isStatic) {
        if (!m.returnType().equals("boolean")) {
            return m.name() + " returns " + m.returnType();
        }
        if (m.isPrivate()) {
            return m.name() + " is private";
        }
        if (m.isStatic() != isStatic) {
            return m.name() + (m.isStatic() ? " is static" : " is not static");
        }
        if (m.throwsChecked()) {
            return m.name() + " declares a checked exception";
        }
        return null;
    }

    private static String nearest(String name, List<MethodShape> methods) {
        String best = null;
        int distance = NEAR + 1;
        for (MethodShape m : methods) {
            int d = EditDistance.between(name, m.name());
            if (d < distance && m.returnType().equals("boolean")) {
                best = m.name();
                distance = d;
            }
        }
        return best == null ? "" : "; did you mean " + best + "?";
    }

    private static String message(
            String kind,
            String attribute,
            String name,
            List<List<String>> wanted,
            MethodShape annotated,
            String typeSimpleName,
            String error) {
        List<String> forms = new ArrayList<>();
        for (List<String> types : wanted) {
            forms.add("(" + String.join(", ", types) + ")");
        }
        return "@" + kind + "(" + attribute + " = \"" + name + "\") must name a boolean method of " + typeSimpleName
                + " taking " + String.join(" or ", forms) + ", "
                + (annotated.isStatic() ? "static and not private" : "neither private nor static")
                + ", declaring no checked exception, but " + error;
    }
}
