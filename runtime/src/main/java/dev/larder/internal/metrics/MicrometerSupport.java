package dev.larder.internal.metrics;

/**
 * Binds caches to Micrometer when it is on the class path. Micrometer is an optional dependency: this class names none
 * of its types, so it links without it, and only touches {@link MicrometerBinder} once Micrometer was found.
 */
public final class MicrometerSupport {
    private static final boolean AVAILABLE = probe();

    private MicrometerSupport() {}

    /** Whether Micrometer can be used from Larder's class loader. */
    public static boolean available() {
        return AVAILABLE;
    }

    /** Publishes the cache's counters as {@code larder.*} meters when Micrometer is available; otherwise does nothing. */
    public static void bind(CacheCounters counters) {
        if (AVAILABLE) {
            MicrometerBinder.bind(counters);
        }
    }

    private static boolean probe() {
        try {
            Class.forName("io.micrometer.core.instrument.Metrics", false, MicrometerSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
