package dev.larder.internal.handle;

import org.jspecify.annotations.Nullable;

/** Runs the original method body for a miss or a refresh. Its exception reaches the caller unchanged. */
@FunctionalInterface
public interface Loader {
    @Nullable
    Object load() throws Throwable;
}
