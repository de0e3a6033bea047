package dev.larder.internal.state;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.model.CachedSpec;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run in its own JVM by {@link ConfiguredCallsTest}, since the runtime is one per class loader: sets system
 * properties before Larder is first used, initialises a class whose handle is a static constant (as generated and
 * woven code have), calls its cached method and prints what each call did.
 */
public final class ConfiguredCallsMain {
    private ConfiguredCallsMain() {}

    /** Stands for a class with a generated {@code @Cached long} method. */
    static final class Catalog {
        static final CachedHandle FIND = Handles.cached(
                CachedSpec.of(Catalog.class.getName() + "#find(long)", "items", "{id}", "10m"), Catalog.class);
        static final AtomicInteger LOADS = new AtomicInteger();

        static String find(long id) {
            Object key = FIND.key(id);
            Object value = FIND.get(key);
            if (value == CachedHandle.MISS) {
                value = FIND.load(key, () -> "v" + id + "#" + LOADS.incrementAndGet());
            }
            return (String) value;
        }
    }

    public static void main(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            System.setProperty(args[i], args[i + 1]);
        }
        call("first");
        call("second");
        if (Catalog.LOADS.get() == 0) {
            // fixed in code: the handles recover
            for (int i = 0; i + 1 < args.length; i += 2) {
                System.clearProperty(args[i]);
            }
            Larder.configure(LarderConfig.defaults());
            call("after configure");
            call("after configure again");
        }
        Larder.invalidate("Items", 42);
        Larder.invalidateAll("Items");
        System.out.println("caches " + Larder.stats().keySet());
        Larder.invalidate("items", 42);
        call("after invalidate");
        System.out.println("loads " + Catalog.LOADS.get());
    }

    private static void call(String which) {
        try {
            System.out.println(which + " returned " + Catalog.find(42));
        } catch (Throwable t) {
            System.out.println(which + " threw " + t.getClass().getName() + ": " + t.getMessage());
        }
    }
}
