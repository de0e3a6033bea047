package dev.larder.model;

/** One piece of a {@link KeyTemplate}: literal text kept verbatim, or a {@link Placeholder} naming a value. */
public sealed interface Segment permits Literal, Placeholder {}
