package dev.larder.model;

import java.util.Objects;

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
 */
public record Guard(String condition, String unless, boolean unlessTakesArguments) {
    /** No condition: the operation always acts. */
    public static final Guard NONE = new Guard("", "", false);

    public Guard {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(unless, "unless");
    }

    public boolean hasCondition() {
        return !condition.isEmpty();
    }

    public boolean hasUnless() {
        return !unless.isEmpty();
    }
}
