package dev.larder.weaver;

import dev.larder.model.EditDistance;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Says why a rules line matched no method of its class: the methods that do exist, and the nearest one, with the
 * parameter types that differ (a primitive and its wrapper, {@code int} and {@code Integer}, being different types).
 */
final class NearestMethod {
    private static final int LISTED = 40;
    private static final Map<String, String> WRAPPERS = Map.of(
            "boolean", "Boolean",
            "byte", "Byte",
            "char", "Character",
            "short", "Short",
            "int", "Integer",
            "long", "Long",
            "float", "Float",
            "double", "Double");

    private NearestMethod() {}

    /**
     * @param name the method name the rule gives
     * @param types the parameter types the rule gives, or null when it names every overload
     */
    static String describe(ClassInfo type, String name, @Nullable List<String> types) {
        String wanted = types == null ? name : name + "(" + String.join(",", types) + ")";
        StringBuilder message = new StringBuilder(type.name() + " has no method " + wanted);
        List<MethodInfo> methods = new ArrayList<>();
        for (MethodInfo method : type.methods()) {
            if (method.isMethod() && !method.isGenerated()) {
                methods.add(method);
            }
        }
        if (methods.isEmpty()) {
            return message.append("; it declares no method (a rule applies to the class it names, not to its")
                    .append(" supertypes: name the class that declares the method)")
                    .toString();
        }
        MethodInfo nearest = nearest(methods, name, types);
        message.append("; did you mean ").append(signature(nearest)).append('?');
        if (types != null && nearest.name().equals(name)) {
            message.append(differences(nearest, types));
        }
        Set<String> listed = new LinkedHashSet<>();
        for (MethodInfo method : methods) {
            listed.add(signature(method));
        }
        List<String> all = List.copyOf(listed);
        message.append(" Its methods: ").append(String.join(", ", all.subList(0, Math.min(LISTED, all.size()))));
        if (all.size() > LISTED) {
            message.append(" and ").append(all.size() - LISTED).append(" more");
        }
        // An inherited method is not the class's own: a rule names the class that declares it.
        return message.append(". A rule applies to the class that declares the method, not to its subclasses")
                .toString();
    }

    private static MethodInfo nearest(List<MethodInfo> methods, String name, @Nullable List<String> types) {
        MethodInfo best = methods.get(0);
        int bestScore = Integer.MAX_VALUE;
        for (MethodInfo method : methods) {
            int score =
                    EditDistance.between(method.name().toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)) * 100;
            if (types != null) {
                List<String> actual = Planner.parameterTypeNames(method);
                score += Math.abs(actual.size() - types.size()) * 10;
                for (int i = 0; i < Math.min(actual.size(), types.size()); i++) {
                    score += simple(types.get(i)).equals(actual.get(i)) ? 0 : 1;
                }
            }
            if (score < bestScore) {
                best = method;
                bestScore = score;
            }
        }
        return best;
    }

    private static String differences(MethodInfo method, List<String> types) {
        List<String> actual = Planner.parameterTypeNames(method);
        if (actual.size() != types.size()) {
            return " It takes " + actual.size() + " parameters, the rule names " + types.size() + ".";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < types.size(); i++) {
            String want = simple(types.get(i));
            String has = actual.get(i);
            if (!want.equals(has)) {
                text.append(" Parameter ")
                        .append(i + 1)
                        .append(" is ")
                        .append(has)
                        .append(", not ")
                        .append(want);
                if (want.equals(WRAPPERS.get(has)) || has.equals(WRAPPERS.get(want))) {
                    text.append(" (a primitive and its wrapper are different types)");
                }
                text.append('.');
            }
        }
        return text.toString();
    }

    private static String simple(String typeName) {
        String name = typeName.strip();
        return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
    }

    private static String signature(MethodInfo method) {
        return method.name() + "(" + String.join(",", Planner.parameterTypeNames(method)) + ")";
    }
}
