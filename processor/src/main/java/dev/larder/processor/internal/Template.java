package dev.larder.processor.internal;

import java.util.List;

/**
 * A validated key or value template: its effective text and its placeholders resolved to {@link ValuePath}s.
 *
 * @param text the effective template text, as handed to the runtime
 * @param singleValue whether the template is one placeholder and nothing else, as a value template must be
 */
public record Template(String text, List<ValuePath> parts, boolean singleValue) {
    public Template {
        parts = List.copyOf(parts);
    }

    public boolean usesResult() {
        return parts.stream().anyMatch(ValuePath::usesResult);
    }
}
