package dev.larder.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Spring Cache or JCache annotation as a front end read it, by the binary name of its type, so that neither library
 * is needed to read it. Values are those set (defaults are not recorded): {@code String}, boxed primitives, {@code
 * List} for arrays and {@code ForeignAnnotation} for nested annotations.
 *
 * @param type the annotation type's binary name: {@code org.springframework.cache.annotation.Cacheable}
 * @param values the attributes that were set, by name
 */
public record ForeignAnnotation(String type, Map<String, Object> values) {
    public ForeignAnnotation {
        Objects.requireNonNull(type, "type");
        values = Map.copyOf(values);
    }

    /** The simple name of the type: {@code Cacheable}. */
    public String simpleName() {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    /** A text attribute, or {@code ""} when it is not set. */
    String string(String name) {
        Object value = values.get(name);
        return value == null ? "" : String.valueOf(value);
    }

    /** A boolean attribute, or {@code otherwise} when it is not set. */
    boolean bool(String name, boolean otherwise) {
        Object value = values.get(name);
        return value == null ? otherwise : Boolean.parseBoolean(String.valueOf(value));
    }

    /** An array attribute of texts; a single value counts as an array of one. Empty when it is not set. */
    List<String> strings(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    /** An array attribute of nested annotations; empty when it is not set. */
    List<ForeignAnnotation> annotations(String name) {
        Object value = values.get(name);
        if (value instanceof List<?> list) {
            return list.stream()
                    .filter(ForeignAnnotation.class::isInstance)
                    .map(ForeignAnnotation.class::cast)
                    .toList();
        }
        return value instanceof ForeignAnnotation single ? List.of(single) : List.of();
    }
}
