package dev.larder.model;

import java.util.List;
import java.util.Objects;

/**
 * A method as a condition rule sees it: what {@link ConditionRule} checks a {@code condition} or {@code unless} method
 * against. Types are erased names written the way the front end writes them everywhere ({@code int}, {@code
 * java.lang.String}, {@code com.acme.Book[]}), so that names from one front end compare with each other. Immutable.
 *
 * @param throwsChecked whether it declares a checked exception, which a condition must not (generated code could not
 *     call it); front ends that cannot tell say false
 */
public record MethodShape(
        String name,
        List<String> parameterTypes,
        String returnType,
        boolean isStatic,
        boolean isPrivate,
        boolean throwsChecked) {
    public MethodShape {
        Objects.requireNonNull(name, "name");
        parameterTypes = List.copyOf(parameterTypes);
        Objects.requireNonNull(returnType, "returnType");
    }

    /** The name with its parameter types: {@code isNew(java.lang.String, int)}. */
    public String signature() {
        return name + "(" + String.join(", ", parameterTypes) + ")";
    }
}
