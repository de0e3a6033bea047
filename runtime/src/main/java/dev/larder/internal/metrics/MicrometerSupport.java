package dev.larder.internal.metrics;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Binds caches to Micrometer registries: to the global registry unless {@code larder.metrics=none}, and to every
 * registry the application gives through {@code LarderMetrics.bindTo}, whatever the caches created before or after
 * that call. Micrometer is an optional dependency: this class names none of its types, so it links without it, and
 * only makes a {@link MicrometerBinder} once Micrometer was found.
 *
 * <p>Micrometer need not be in the runtime's own class loader. The agent's runtime is on the system class path, while
 * an application in a nested jar (Spring Boot's launcher) or a web application has its Micrometer in a loader below:
 * a registry is then bound through the loader that defines its Micrometer, where {@link BinderLoader} defines a binder
 * of its own, and the global registry is the one the creating thread's context loader sees.
 */
public final class MicrometerSupport {
    static final String METRICS = "io.micrometer.core.instrument.Metrics";
    private static final String REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

    /** Micrometer's {@code MeterRegistry} as the runtime's loader sees it, or null. */
    private static final @Nullable Class<?> OWN_REGISTRY = find(REGISTRY, MicrometerSupport.class.getClassLoader());
    /** The binder linked with the runtime's own Micrometer, or null when its loader sees none. */
    private static final @Nullable Binder OWN = OWN_REGISTRY == null ? null : new MicrometerBinder();

    // Guarded by the class: binding happens once per cache and per registry, never on a cache call.
    private static final List<CacheCounters> CACHES = new ArrayList<>();
    private static final List<Object> REGISTRIES = new ArrayList<>();
    /** Binders defined under other loaders, by the loader that defines their Micrometer; weak: an application may go. */
    private static final Map<ClassLoader, WeakReference<Binder>> ELSEWHERE = new WeakHashMap<>();

    /** Publishes caches in Micrometer registries, which it takes as objects: only it names Micrometer's types. */
    public interface Binder {
        /** Micrometer's global registry. */
        Object globalRegistry();

        /** Registers the meters of one cache in a registry (a Micrometer {@code MeterRegistry}). */
        void bind(Object registry, CacheCounters counters);
    }

    private MicrometerSupport() {}

    /**
     * A cache's counters were created: publishes them in every registry given to {@link #bindTo}, and in the global
     * registry when {@code global} is true and a Micrometer is found.
     */
    public static synchronized void created(CacheCounters counters, boolean global) {
        CACHES.add(counters);
        if (global) {
            Binder binder = OWN != null
                    ? OWN
                    : elsewhere(find(METRICS, Thread.currentThread().getContextClassLoader()));
            if (binder != null) {
                binder.bind(binder.globalRegistry(), counters);
            }
        }
        for (Object registry : REGISTRIES) {
            Binder binder = binderFor(registry);
            if (binder != null) { // found when the registry was bound: only a collected one is made again
                binder.bind(registry, counters);
            }
        }
    }

    /**
     * Publishes every cache, those that exist and those created later, in {@code registry} (a Micrometer {@code
     * MeterRegistry}). Binding the same registry again does nothing.
     *
     * @throws IllegalArgumentException when no Micrometer that the runtime can link defines the registry's type
     */
    public static synchronized void bindTo(Object registry) {
        for (Object bound : REGISTRIES) {
            if (bound == registry) {
                return;
            }
        }
        Binder binder = binderFor(registry);
        if (binder == null) {
            throw new IllegalArgumentException("Larder cannot publish its meters in a "
                    + registry.getClass().getName() + ": its class loader has no Micrometer that Larder's runtime can"
                    + " link (another copy of Larder's runtime above it?)");
        }
        REGISTRIES.add(registry);
        for (CacheCounters counters : CACHES) {
            binder.bind(registry, counters);
        }
    }

    private static @Nullable Binder binderFor(Object registry) {
        return OWN_REGISTRY != null && OWN_REGISTRY.isInstance(registry)
                ? OWN
                : elsewhere(find(REGISTRY, registry.getClass().getClassLoader()));
    }

    /** The binder for the Micrometer that defines {@code type}, made once per loader; null without one. */
    private static @Nullable Binder elsewhere(@Nullable Class<?> type) {
        if (type == null) {
            return null;
        }
        ClassLoader micrometer = type.getClassLoader();
        if (micrometer == null) {
            return null; // Micrometer in the bootstrap loader: nothing can define a binder below it
        }
        WeakReference<Binder> kept = ELSEWHERE.get(micrometer);
        Binder binder = kept == null ? null : kept.get();
        if (binder == null) {
            binder = BinderLoader.binder(micrometer);
            if (binder != null) {
                ELSEWHERE.put(micrometer, new WeakReference<>(binder));
            }
        }
        return binder;
    }

    private static @Nullable Class<?> find(String name, @Nullable ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
