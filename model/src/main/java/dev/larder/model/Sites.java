package dev.larder.model;

import java.util.List;
import java.util.Objects;

/** How every mode names an annotated method in specs and messages: {@code com.acme.Catalog#find(int)}. */
public final class Sites {
    private Sites() {}

    /**
     * @param className the binary or canonical name of the type whose method it is
     * @param method the method name
     * @param parameterTypeNames the simple names of the erased parameter types
     */
    public static String of(String className, String method, List<String> parameterTypeNames) {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(method, "method");
        return className + "#" + method + "(" + String.join(",", parameterTypeNames) + ")";
    }
}
