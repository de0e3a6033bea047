package dev.larder.internal.tag;

import org.jspecify.annotations.Nullable;

/**
 * Renders the tags of one call's value: generated code passes a lambda over the call's arguments that turns the
 * result into the rendered tag templates. Called once per stored value, off the hit path.
 */
@FunctionalInterface
public interface TagSource {
    /** The tags of {@code result}, each placeholder's value as {@link String#valueOf(Object)} writes it. */
    String[] tags(@Nullable Object result);
}
