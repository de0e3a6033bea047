package dev.larder.weaver;

import java.util.Map;

/**
 * One Larder annotation as written, from a class file or a rules file line, before validation: its simple name
 * ({@code Cached}, {@code WriteThrough}, {@code WriteBehind}, {@code Invalidate}, {@code RefreshAhead}) and the
 * attributes that were set, as text. Unset attributes take the annotation's defaults.
 */
record Declaration(String kind, Map<String, String> attributes) {
    Declaration {
        attributes = Map.copyOf(attributes);
    }

    String string(String name) {
        String value = attributes.get(name);
        return value != null ? value : Defaults.of(kind, name);
    }

    boolean isSet(String name) {
        return attributes.containsKey(name);
    }

    /** The annotations' defaults, for rules lines, which only carry what they set. */
    static final class Defaults {
        private static final Map<String, String> VALUES = Map.ofEntries(
                Map.entry("cacheNull", "false"),
                Map.entry("at", "0.8"),
                Map.entry("beta", "0"),
                Map.entry("delay", "1s"),
                Map.entry("batchSize", "100"),
                Map.entry("coalesce", "true"),
                Map.entry("maxRetries", "5"),
                Map.entry("all", "false"),
                Map.entry("before", "false"));

        private Defaults() {}

        static String of(String kind, String name) {
            return VALUES.getOrDefault(name, "");
        }
    }
}
