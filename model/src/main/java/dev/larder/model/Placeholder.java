package dev.larder.model;

import java.util.List;
import java.util.Objects;

/**
 * A {@code {root.a.b}} placeholder of a key template. The first path element is a parameter name, {@value
 * #RESULT}, the method's return value, or {@value Target#THIS}, the object the method is called on; the rest are
 * properties followed in order.
 */
public record Placeholder(List<String> path) implements Segment {
    /** The root name that means the method's return value. */
    public static final String RESULT = "result";

    public Placeholder {
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a placeholder path is never empty");
        }
    }

    /** A parameter name or {@value #RESULT}. */
    public String root() {
        return path.get(0);
    }

    /** The properties followed after the root, possibly none. */
    public List<String> properties() {
        return path.subList(1, path.size());
    }

    public boolean isResult() {
        return RESULT.equals(root());
    }

    /** Whether the root is {@value Target#THIS}, the object the method is called on. */
    public boolean isTarget() {
        return Target.THIS.equals(root());
    }

    /** The placeholder as written, without braces: {@code user.id}. */
    public String text() {
        return String.join(".", path);
    }

    @Override
    public String toString() {
        return "{" + text() + "}";
    }

    static Placeholder of(String... path) {
        Objects.requireNonNull(path, "path");
        return new Placeholder(List.of(path));
    }
}
