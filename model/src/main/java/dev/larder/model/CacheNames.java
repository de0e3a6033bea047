package dev.larder.model;

import java.util.List;
import java.util.Objects;

/**
 * The default cache name of an annotated method, the same in every mode: {@code SimpleClassName.methodName}, with the
 * parameter types added when the declaring type has several methods of that name, so that overloads never share
 * entries ({@code Catalog.find(int)}, {@code Catalog.find(String)}).
 */
public final class CacheNames {
    private CacheNames() {}

    /**
     * @param simpleTypeName the simple name of the type that declares the annotated method
     * @param method the method name
     * @param overloaded whether the declaring type declares more than one method of that name
     * @param parameterTypeNames the simple names of the erased parameter types, as {@code int}, {@code String}, {@code
     *     Book[]}
     */
    public static String defaultName(
            String simpleTypeName, String method, boolean overloaded, List<String> parameterTypeNames) {
        Objects.requireNonNull(simpleTypeName, "simpleTypeName");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(parameterTypeNames, "parameterTypeNames");
        String name = simpleTypeName + "." + method;
        return overloaded ? name + "(" + String.join(",", parameterTypeNames) + ")" : name;
    }

    /**
     * The effective cache name: the annotation's own, else the type's {@code @CacheDefaults} one, else the default
     * name.
     */
    public static String effective(String own, String typeDefault, String defaultName) {
        if (!own.isEmpty()) {
            return own;
        }
        return typeDefault.isEmpty() ? defaultName : typeDefault;
    }
}
