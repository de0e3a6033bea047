package dev.larder.model;

/** How a cached method's result is held. */
public enum ResultKind {
    /** A plain value (or null). */
    VALUE,
    /** A {@code java.util.Optional}: empty counts as null. */
    OPTIONAL,
    /**
     * A {@code CompletableFuture} or {@code CompletionStage}: the future itself is cached at once, so concurrent callers
     * share it, and removed if it completes exceptionally (or with null, unless nulls are cached).
     */
    FUTURE
}
