package dev.larder.internal.metrics;

import dev.larder.internal.log.Logs;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
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
 * <p>Micrometer need not be in the runtime's own class loader. The agent's runtime is in the JVM's bootstrap loader
 * (or, from a renamed agent jar, on the system class path), while an application's Micrometer is on the class path,
 * or in a loader below it in a nested jar (Spring Boot's launcher) or a web application:
 * a registry is then bound through the loader that defines its Micrometer, where {@link BinderLoader} defines a binder
 * of its own, and a global registry is found through the context loader of the threads that create caches. Each
 * global registry found gets every cache meant for the global registry, those created before it was found too, so a
 * cache first used on a thread that sees no Micrometer (a JDK pool thread) still gets there. Registries are held
 * weakly: an application that goes takes its registries and its Micrometer with it.
 */
public final class MicrometerSupport {
    static final String METRICS = "io.micrometer.core.instrument.Metrics";
    private static final String REGISTRY = "io.micrometer.core.instrument.MeterRegistry";
    private static final System.Logger LOG = Logs.get("dev.larder");

    /** Micrometer's {@code MeterRegistry} as the runtime's loader sees it, or null. */
    private static final @Nullable Class<?> OWN_REGISTRY = find(REGISTRY, MicrometerSupport.class.getClassLoader());
    /** The binder linked with the runtime's own Micrometer, or null when its loader sees none. */
    private static final @Nullable Binder OWN = OWN_REGISTRY == null ? null : new MicrometerBinder();

    // Guarded by the class: binding happens once per cache and per registry, never on a cache call.
    private static final List<CacheCounters> CACHES = new ArrayList<>();
    /** The caches meant for the global registry ({@code larder.metrics=auto} when they were made). */
    private static final List<CacheCounters> GLOBAL_CACHES = new ArrayList<>();

    private static final List<WeakReference<Object>> REGISTRIES = new ArrayList<>();
    private static final List<WeakReference<Object>> GLOBALS = new ArrayList<>();
    /** Binders defined under other loaders, by the loader that defines their Micrometer; weak: an application may go. */
    private static final Map<ClassLoader, WeakReference<Binder>> ELSEWHERE = new WeakHashMap<>();

    /**
     * Context loaders found to see no Micrometer: asked once each, as a failed lookup costs an exception and a search
     * of the class path, on every cache's creation otherwise.
     */
    private static final Map<ClassLoader, Boolean> WITHOUT_MICROMETER = new WeakHashMap<>();

    private static boolean bindFailureLogged;

    /** Publishes caches in Micrometer registries, which it takes as objects: only it names Micrometer's types. */
    public interface Binder {
        /** Micrometer's global registry. */
        Object globalRegistry();

        /** Registers the meters of one cache in a registry (a Micrometer {@code MeterRegistry}). */
        void bind(Object registry, CacheCounters counters);
    }

    private MicrometerSupport() {}

    /**
     * A cache's counters were created: publishes them in every registry given to {@link #bindTo}, and in every global
     * registry found when {@code global} is true. Never throws: a registry that cannot take them is logged once.
     */
    public static synchronized void created(CacheCounters counters, boolean global) {
        CACHES.add(counters);
        if (global) {
            Object found = unseenGlobal();
            if (found != null) {
                GLOBALS.add(new WeakReference<>(found));
                for (CacheCounters earlier : GLOBAL_CACHES) { // made before this global registry was found
                    bindLogged(found, earlier);
                }
            }
            GLOBAL_CACHES.add(counters);
            for (Object registry : live(GLOBALS)) {
                bindLogged(registry, counters);
            }
        }
        for (Object registry : live(REGISTRIES)) {
            bindLogged(registry, counters);
        }
    }

    /**
     * Publishes every cache, those that exist and those created later, in {@code registry} (a Micrometer {@code
     * MeterRegistry}). Binding the same registry again does nothing.
     *
     * @throws IllegalArgumentException when no Micrometer that the runtime can link defines the registry's type
     */
    public static synchronized void bindTo(Object registry) {
        if (live(REGISTRIES).contains(registry)) {
            return;
        }
        Binder binder = binderFor(registry);
        if (binder == null) {
            throw new IllegalArgumentException("Larder cannot publish its meters in a "
                    + registry.getClass().getName() + ": its class loader has no Micrometer that Larder's runtime can"
                    + " link (another copy of Larder's runtime above it?)");
        }
        REGISTRIES.add(new WeakReference<>(registry));
        for (CacheCounters counters : CACHES) {
            binder.bind(registry, counters);
        }
    }

    /**
     * The global registry of the runtime's Micrometer, or else of the one this thread's context loader sees, if it is
     * not one found before; else null.
     */
    private static @Nullable Object unseenGlobal() {
        Binder binder = OWN != null ? OWN : elsewhere(contextMetrics());
        if (binder == null) {
            return null;
        }
        Object global = binder.globalRegistry();
        return live(GLOBALS).contains(global) ? null : global;
    }

    /** Micrometer's {@code Metrics} as this thread's context loader (none: the system loader) sees it, or null. */
    private static @Nullable Class<?> contextMetrics() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context == null) {
            context = ClassLoader.getSystemClassLoader();
        }
        if (WITHOUT_MICROMETER.containsKey(context)) {
            return null;
        }
        Class<?> metrics = find(METRICS, context);
        if (metrics == null) {
            WITHOUT_MICROMETER.put(context, Boolean.TRUE);
        }
        return metrics;
    }

    private static void bindLogged(Object registry, CacheCounters counters) {
        Binder binder = binderFor(registry);
        if (binder == null) {
            return;
        }
        try {
            binder.bind(registry, counters);
        } catch (LinkageError | RuntimeException e) {
            // a Micrometer of a version this binder does not link with: the cache works, unmetered there
            if (!bindFailureLogged) {
                bindFailureLogged = true;
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Larder cannot publish cache meters in a "
                                + registry.getClass().getName() + "; further such failures are not logged",
                        e);
            }
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

    /** The registries still reachable, dropping the others from the list. */
    private static List<Object> live(List<WeakReference<Object>> registries) {
        List<Object> live = new ArrayList<>(registries.size());
        for (Iterator<WeakReference<Object>> it = registries.iterator(); it.hasNext(); ) {
            Object registry = it.next().get();
            if (registry == null) {
                it.remove();
            } else {
                live.add(registry);
            }
        }
        return live;
    }

    private static @Nullable Class<?> find(String name, @Nullable ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
