package dev.larder.internal.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds caches to Micrometer registries when Micrometer is on the class path: to the global registry unless {@code
 * larder.metrics=none}, and to every registry the application gives through {@code LarderMetrics.bindTo}, whatever
 * the caches created before or after that call. Micrometer is an optional dependency: this class names none of its
 * types, so it links without it, and only touches {@link MicrometerBinder} once Micrometer was found.
 */
public final class MicrometerSupport {
    private static final boolean AVAILABLE = probe();

    // Guarded by the class: binding happens once per cache and per registry, never on a cache call.
    private static final List<CacheCounters> CACHES = new ArrayList<>();
    private static final List<Object> REGISTRIES = new ArrayList<>();

    private MicrometerSupport() {}

    /** Whether Micrometer can be used from Larder's class loader. */
    public static boolean available() {
        return AVAILABLE;
    }

    /**
     * A cache's counters were created: publishes them in every registry given to {@link #bindTo}, and in the global
     * registry when {@code global} is true. Does nothing without Micrometer.
     */
    public static synchronized void created(CacheCounters counters, boolean global) {
        if (!AVAILABLE) {
            return;
        }
        CACHES.add(counters);
        if (global) {
            MicrometerBinder.bind(MicrometerBinder.globalRegistry(), counters);
        }
        for (Object registry : REGISTRIES) {
            MicrometerBinder.bind(registry, counters);
        }
    }

    /**
     * Publishes every cache, those that exist and those created later, in {@code registry} (a Micrometer {@code
     * MeterRegistry}). Binding the same registry again does nothing.
     */
    public static synchronized void bindTo(Object registry) {
        for (Object bound : REGISTRIES) {
            if (bound == registry) {
                return;
            }
        }
        REGISTRIES.add(registry);
        for (CacheCounters counters : CACHES) {
            MicrometerBinder.bind(registry, counters);
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
