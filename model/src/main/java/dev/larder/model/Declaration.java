package dev.larder.model;

import java.util.Map;
import java.util.Objects;

/**
 * One Larder method annotation as a front end found it, before validation: its simple name ({@code Cached}, {@code
 * WriteThrough}, {@code WriteBehind}, {@code Invalidate}, {@code RefreshAhead}) and its attributes as text, the way
 * a rules-file line writes them ({@code true}, {@code 100}, {@code 0.8}, {@code 10m}). Attributes that are not set
 * take the annotation's defaults, so a front end may pass only what was written.
 *
 * @param kind the annotation's simple name
 * @param attributes the attributes that were set, by name, as text
 */
public record Declaration(String kind, Map<String, String> attributes) {
    /** The annotations' defaults, for front ends that carry only what was set (class files, rules lines). */
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("cacheNull", "false"),
            Map.entry("at", "0.8"),
            Map.entry("beta", "0"),
            Map.entry("delay", "1s"),
            Map.entry("batchSize", "100"),
            Map.entry("coalesce", "true"),
            Map.entry("maxRetries", "5"),
            Map.entry("all", "false"),
            Map.entry("before", "false"));

    public Declaration {
        Objects.requireNonNull(kind, "kind");
        attributes = Map.copyOf(attributes);
    }

    /** The attribute as text: the value set, else the annotation's default ({@code ""} for text attributes). */
    public String string(String name) {
        String value = attributes.get(name);
        return value != null ? value : DEFAULTS.getOrDefault(name, "");
    }

    /** Whether the attribute was set. */
    public boolean isSet(String name) {
        return attributes.containsKey(name);
    }
}
