package dev.larder.it;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gives each test fresh, empty caches. The backend comes from system property {@code larderit.backend} ({@code
 * local} unless set), so the same suite runs against Redis and the tiered backend.
 */
public final class LarderSetup {
    /** The system property that selects the backend. */
    public static final String BACKEND_PROPERTY = "larderit.backend";

    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private LarderSetup() {}

    /** Configures Larder for the backend under test, with empty caches. */
    public static void fresh() {
        fresh(Map.of());
    }

    /**
     * As {@link #fresh()}, with extra configuration keys. Micrometer is not on the suite's class path, so meters are
     * off unless a test sets {@code larder.metrics} itself: the behaviours under test must not depend on them.
     */
    public static void fresh(Map<String, String> settings) {
        String backend = System.getProperty(BACKEND_PROPERTY, "local");
        LarderConfig.Builder config =
                LarderConfig.builder().set("larder.backend", backend).set("larder.metrics", "none");
        if (!backend.equals("local")) {
            // A fresh namespace per test: Redis outlives reconfiguration, and each test needs empty caches.
            config.set("larder.redis.uri", RedisForSuite.uri())
                    .set("larder.namespace", "it" + NAMESPACES.incrementAndGet());
        }
        settings.forEach(config::set);
        Larder.configure(config.build());
    }
}
