package dev.larder.samples;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How Larder's annotations are applied to {@link Catalog} in this run ({@code --mode}). */
public enum LarderMode {
    /** The annotation processor generated {@code Catalog_Cached}; the sample creates that. The default. */
    COMPILE_TIME,
    /** {@code larder-maven-plugin}'s {@code weave} goal rewrote {@code Catalog}'s class file; plain {@code Catalog}. */
    BUILD_TIME,
    /** The {@code -javaagent} wove {@code Catalog} as it loaded; plain {@code Catalog}. */
    LOAD_TIME;

    /** The flag's spelling: {@code compile-time}, {@code build-time} or {@code load-time}. */
    public String flag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** What the run "with Larder" uses, for the report. */
    public String cachedCatalog() {
        return switch (this) {
            case COMPILE_TIME -> "Catalog_Cached, generated at compile time";
            case BUILD_TIME -> "Catalog, woven at build time";
            case LOAD_TIME -> "Catalog, woven as it loaded";
        };
    }

    /** Whether {@link Catalog} itself is cached in this mode. */
    public boolean woven() {
        return this != COMPILE_TIME;
    }

    /**
     * The mode a flag names.
     *
     * @throws IllegalArgumentException naming the value and the modes when it names none
     */
    public static LarderMode parse(String flag) {
        for (LarderMode mode : values()) {
            if (mode.flag().equals(flag)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("--mode must be one of "
                + Arrays.stream(values()).map(LarderMode::flag).collect(Collectors.joining(", ")) + ", was '" + flag
                + "'");
    }
}
