package dev.larder.internal.metrics;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Binds caches to Micrometer registries when Micrometer is on the class path: to the global registry unless {@code
 * larder.metrics=none}, and to every registry the application gives through {@code LarderMetrics.bindTo}, whatever
 * the caches created before or after that call. Micrometer is an optional dependency: this class names none of its
 * types, so it links without it, and only makes a {@link MicrometerBinder} once Micrometer was found.
 *
 * <p>Micrometer is looked for where the runtime was loaded from, and then, if the runtime's loader cannot see it,
 * in the application's loaders (the thread's context loader, the system loader): the agent loads the runtime through
 * the bootstrap loader, which sees none of the application's libraries. There the binder is defined in a loader of
 * its own under the application's ({@link BinderLoader}).
 */
public final class MicrometerSupport {
    static final String PROBE = "io.micrometer.core.instrument.Metrics";

    private static final @Nullable Binder BINDER = binder();

    // Guarded by the class: binding happens once per cache and per registry, never on a cache call.
    private static final List<CacheCounters> CACHES = new ArrayList<>();
    private static final List<Object> REGISTRIES = new ArrayList<>();

    /** Publishes caches in Micrometer registries, which it takes as objects: only it names Micrometer's types. */
    public interface Binder {
        /** Micrometer's global registry. */
        Object globalRegistry();

        /** Registers the meters of one cache in a registry (a Micrometer {@code MeterRegistry}). */
        void bind(Object registry, CacheCounters counters);
    }

    private MicrometerSupport() {}

    /** Whether Micrometer was found. */
    public static boolean available() {
        return BINDER != null;
    }

    /**
     * A cache's counters were created: publishes them in every registry given to {@link #bindTo}, and in the global
     * registry when {@code global} is true. Does nothing without Micrometer.
     */
    public static synchronized void created(CacheCounters counters, boolean global) {
        Binder binder = BINDER;
        if (binder == null) {
            return;
        }
        CACHES.add(counters);
        if (global) {
            binder.bind(binder.globalRegistry(), counters);
        }
        for (Object registry : REGISTRIES) {
            binder.bind(registry, counters);
        }
    }

    /**
     * Publishes every cache, those that exist and those created later, in {@code registry} (a Micrometer {@code
     * MeterRegistry}). Binding the same registry again does nothing.
     */
    public static synchronized void bindTo(Object registry) {
        Binder binder = BINDER;
        if (binder == null) {
            // only an application with Micrometer can call this: the registry's loader sees it
            throw new IllegalStateException("Larder cannot see Micrometer from its class loader or the application's "
                    + "(the registry is a " + registry.getClass().getName() + ")");
        }
        for (Object bound : REGISTRIES) {
            if (bound == registry) {
                return;
            }
        }
        REGISTRIES.add(registry);
        for (CacheCounters counters : CACHES) {
            binder.bind(registry, counters);
        }
    }

    private static @Nullable Binder binder() {
        ClassLoader own = MicrometerSupport.class.getClassLoader();
        if (sees(own)) {
            return new MicrometerBinder();
        }
        if (own != null) {
            return null; // an ordinary class path: the application's libraries are the runtime's
        }
        ClassLoader[] applications = {Thread.currentThread().getContextClassLoader(), ClassLoader.getSystemClassLoader()
        };
        for (ClassLoader application : applications) {
            if (application != null && sees(application)) {
                return BinderLoader.binder(application);
            }
        }
        return null;
    }

    private static boolean sees(@Nullable ClassLoader loader) {
        try {
            Class.forName(PROBE, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
