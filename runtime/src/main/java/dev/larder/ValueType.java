package dev.larder;

import java.util.Objects;

/**
 * The declared type a cached value is decoded into, as text, with the class loader that resolves its names. For a
 * method returning {@code Optional<X>} or {@code CompletableFuture<X>} it is {@code X}.
 *
 * @param name the generic type as {@link java.lang.reflect.Type#getTypeName()} writes it: binary class names, type
 *     arguments in angle brackets, e.g. {@code java.util.List<com.acme.Book>} or {@code com.acme.Outer$Inner}
 * @param classLoader the class loader of the class declaring the method
 */
public record ValueType(String name, ClassLoader classLoader) {
    public ValueType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(classLoader, "classLoader");
    }
}
