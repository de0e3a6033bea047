package dev.larder.model;

import java.util.Objects;

/** Literal text of a key template, kept verbatim in the key; never empty. */
public record Literal(String text) implements Segment {
    public Literal {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a literal segment is never empty");
        }
    }
}
