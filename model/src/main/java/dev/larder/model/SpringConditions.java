package dev.larder.model;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Spring's {@code condition} and {@code unless} as {@link Guard}s: {@link SpringCache} carries each expression in the
 * declaration's {@code springCondition}/{@code springUnless} attribute (with the Spring annotation's name in {@code
 * springAnnotation}); here it is parsed against the method's parameters and result types, and the guard names the
 * static method the weaver writes for it ({@link SpelCondition#methodName}). Stateless.
 */
final class SpringConditions {
    static final String CONDITION = "springCondition";
    static final String UNLESS = "springUnless";
    static final String ANNOTATION = "springAnnotation";

    private SpringConditions() {}

    /** The guard of a declaration whose conditions, if any, are Spring expressions; problems are added. */
    static Guard guard(MethodSource source, Declaration d, String site, boolean refreshAhead, List<Problem> problems) {
        String condition = d.string(CONDITION);
        String unless = d.string(UNLESS);
        if (condition.isEmpty() && unless.isEmpty()) {
            return Guard.NONE;
        }
        SpelCondition conditionExpression = null;
        SpelCondition unlessExpression = null;
        if (!condition.isEmpty()) {
            conditionExpression = parse(source, d, site, "condition", condition, false, problems);
        }
        if (!unless.isEmpty()) {
            Optional<String> refused = ConditionRule.unlessRefused(source.resultKind(), refreshAhead, false);
            if (refused.isPresent()) {
                problems.add(new Problem("SpringExpression", d, UNLESS, site + ": " + refused.get()));
            } else {
                unlessExpression = parse(source, d, site, "unless", unless, true, problems);
            }
        }
        return new Guard(
                conditionExpression == null ? "" : conditionExpression.methodName(site, "condition"),
                unlessExpression == null ? "" : unlessExpression.methodName(site, "unless"),
                true,
                conditionExpression,
                unlessExpression);
    }

    private static @Nullable SpelCondition parse(
            MethodSource source,
            Declaration d,
            String site,
            String attribute,
            String expression,
            boolean resultAllowed,
            List<Problem> problems) {
        String error;
        try {
            SpelCondition parsed = SpelCondition.parse(
                    expression,
                    source.methodName(),
                    List.copyOf(source.parameters().keySet()),
                    true,
                    resultAllowed);
            Optional<String> unresolved = parsed.unresolved(source.parameters(), source.result());
            if (unresolved.isEmpty()) {
                return parsed;
            }
            error = unresolved.get();
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
        }
        problems.add(new Problem("SpringExpression", d, attribute, message(site, d, attribute, expression, error)));
        return null;
    }

    /** The message for an expression that cannot be compiled, naming the site, the expression and what works. */
    static String message(String site, Declaration d, String attribute, String expression, String error) {
        return site + ": @" + d.string(ANNOTATION) + "(" + attribute + " = \"" + expression + "\") cannot be compiled: "
                + error + "; supported: " + SpelCondition.SUPPORTED;
    }
}
