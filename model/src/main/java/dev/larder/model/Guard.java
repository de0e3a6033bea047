package dev.larder.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The conditions of one operation: boolean methods of the method's own type that the generated or woven code calls
 * around it. Validated by {@link ConditionRule}; immutable. Front ends compile a guard into a call before the operation
 * ({@code condition}: false means the call runs the method as if uncached) and, for {@code @Cached}, a call after the
 * method returned ({@code unless}: true means the result is returned but not stored).
 *
 * @param condition the method taking the parameters, {@code ""} for none
 * @param unless the method taking the result ({@code @Cached} only), {@code ""} for none
 * @param unlessTakesArguments whether {@code unless} takes the parameters before the result, rather than the result
 *     alone
 * @param conditionExpression the Spring expression {@code condition} was compiled from, or null when it names a
 *     method of the type; the weaver then writes the static method {@code condition} names (taking the parameters)
 * @param unlessExpression likewise for {@code unless} (the method takes the parameters and the result)
 */
public record Guard(
        String condition,
        String unless,
        boolean unlessTakesArguments,
        @Nullable SpelCondition conditionExpression,
        @Nullable SpelCondition unlessExpression) {
    /** No condition: the operation always acts. */
    public static final Guard NONE = new Guard("", "", false);

    public Guard {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(unless, "unless");
    }

    /** Conditions naming methods of the type. */
    public Guard(String condition, String unless, boolean unlessTakesArguments) {
        this(condition, unless, unlessTakesArguments, null, null);
    }

    public boolean hasCondition() {
        return !condition.isEmpty();
    }

    public boolean hasUnless() {
        return !unless.isEmpty();
    }
}
