package dev.larder.model;

import java.util.List;
import java.util.Optional;

/**
 * A type as template validation sees it, so that the annotation processor ({@code javax.lang.model}), the weaver
 * (class files read with ASM) and the runtime ({@link ReflectiveTypeModel}) validate templates with the same rules
 * and messages.
 */
public interface TypeModel {
    /** The type as users write it in messages: {@code com.acme.User}, {@code int}. */
    String displayName();

    /**
     * The type of property {@code name}, looked up in this order: a public getter {@code getName()} (or {@code
     * isName()} returning {@code boolean}), a record accessor {@code name()}, a public field {@code name}. Empty when
     * there is none. The getter name capitalises the first letter only: property {@code url} is {@code getUrl()}, and
     * property {@code URL} is {@code getURL()}.
     */
    Optional<TypeModel> property(String name);

    /**
     * Every property name {@link #property} finds, for error messages listing what is there; in a stable order.
     * Implementations should override it; the default lists none.
     */
    default List<String> propertyNames() {
        return List.of();
    }
}
