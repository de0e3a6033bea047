package dev.larder.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code {this...}} in a key template reads: the type of the object the method is called on, or why there is
 * none. Immutable.
 *
 * <p>{@code {this.path}} follows properties of the target as {@code {param.path}} does of a parameter, and {@code
 * {this.class}} is the target's runtime class name. {@code {this}} alone is refused: the object's identity is not
 * stable across JVMs or restarts, so a key holding it could not be shared through Redis.
 *
 * @param type the declared type of the target, empty when {@code this} cannot be used
 * @param unavailable why {@code this} cannot be used, completing "… uses {this} but …"; {@code ""} when it can
 */
public record Target(Optional<TypeModel> type, String unavailable) {
    /** The root name that means the target object. */
    public static final String THIS = "this";

    /** The property of {@code this} that is the target's runtime class name. */
    public static final String CLASS = "class";

    /** A static method: no object. */
    public static final Target STATIC = unavailable(
            "the method is static, so there is no object it is called on; {this} can only be used on instance methods");

    /** Where the caller does not say (reflective checks of a template against parameters only). */
    public static final Target UNKNOWN = unavailable("the object the method is called on is not known here");

    public Target {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(unavailable, "unavailable");
    }

    /** An instance method of {@code type}. */
    public static Target of(TypeModel type) {
        return new Target(Optional.of(type), "");
    }

    /** No target, for the given reason. */
    public static Target unavailable(String why) {
        return new Target(Optional.empty(), why);
    }
}
