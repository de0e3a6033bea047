package dev.larder.it;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.redis.RedisTier;
import dev.larder.internal.redis.RedisTiers;
import dev.larder.internal.state.LarderRuntime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

    /** The backend under test: {@code local}, {@code redis} or {@code tiered}. */
    public static String backend() {
        return System.getProperty(BACKEND_PROPERTY, "local");
    }

    /**
     * Whether the backend keeps values in this JVM (local and tiered). A cache's {@code size} and {@code evictions}
     * are those of the local tier, so they stay 0 on the Redis-only backend.
     */
    public static boolean keepsValuesLocally() {
        return !backend().equals("redis");
    }

    /** The number of entries a cache's {@code size} shows when {@code n} keys are cached: 0 without a local tier. */
    public static long localSize(long n) {
        return keepsValuesLocally() ? n : 0;
    }

    /** Configures Larder for the backend under test, with empty caches. */
    public static void fresh() {
        fresh(Map.of());
    }

    /**
     * As {@link #fresh()}, with extra configuration keys. Micrometer is not on the suite's class path, so meters are
     * off unless a test sets {@code larder.metrics} itself: the behaviours under test must not depend on them.
     */
    public static void fresh(Map<String, String> settings) {
        String backend = backend();
        LarderConfig.Builder config =
                LarderConfig.builder().set("larder.backend", backend).set("larder.metrics", "none");
        if (!backend.equals("local")) {
            // A fresh namespace per test: Redis outlives reconfiguration, and each test needs empty caches.
            config.set("larder.redis.uri", RedisForSuite.uri())
                    .set("larder.namespace", "it" + NAMESPACES.incrementAndGet());
        }
        settings.forEach(config::set);
        Larder.configure(config.build());
        if (backend.equals("tiered")) {
            awaitL1();
        }
    }

    /** Waits until the tiered caches keep L1 copies: once the invalidation channel is subscribed. */
    private static void awaitL1() {
        RedisTier tier = RedisTiers.of(LarderRuntime.current());
        try {
            if (tier == null || !tier.awaitSubscribed(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The Redis invalidation channel was not subscribed within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
