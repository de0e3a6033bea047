package dev.larder.it.agent.app;

import dev.larder.LarderMetrics;
import dev.larder.annotation.Cached;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Run in a forked JVM with the agent and Micrometer on the class path: prints what a woven cache's meters counted, in
 * Micrometer's global registry and in a registry given to Larder.
 */
public final class MetricsApp {
    private MetricsApp() {}

    public static void main(String[] args) throws InterruptedException {
        // first used on a thread whose context loader sees no Micrometer in a nested jar, as a JDK pool thread's
        Thread pool = new Thread(() -> new EarlyPrices().price("e"));
        pool.setContextClassLoader(ClassLoader.getSystemClassLoader());
        pool.start();
        pool.join();
        SimpleMeterRegistry global = new SimpleMeterRegistry();
        Metrics.addRegistry(global); // the global registry records only through the registries added to it
        SimpleMeterRegistry given = new SimpleMeterRegistry();
        LarderMetrics.bindTo(given);
        Prices prices = new Prices();
        prices.price("a");
        prices.price("a");
        prices.price("b");
        System.out.println(
                "global " + gets(global, PRICES, "hit") + " hits " + gets(global, PRICES, "miss") + " misses");
        System.out.println("given " + gets(given, PRICES, "hit") + " hits " + gets(given, PRICES, "miss") + " misses");
        System.out.println(
                "early global " + gets(global, EARLY, "miss") + " misses, given " + gets(given, EARLY, "miss"));
    }

    private static long gets(MeterRegistry registry, String cache, String result) {
        return (long) registry.get("cache.gets")
                .tag("cache", cache)
                .tag("result", result)
                .functionCounter()
                .count();
    }

    private static final String PRICES = "metered-prices";
    private static final String EARLY = "early-prices";

    /** Woven by the agent; its cache is made before any other, on a thread of its own. */
    public static final class EarlyPrices {
        @Cached(cache = EARLY)
        public String price(String item) {
            return item + "-" + System.nanoTime();
        }
    }

    /** Woven by the agent. */
    public static final class Prices {
        @Cached(cache = "metered-prices")
        public String price(String item) {
            return item + "-" + System.nanoTime();
        }
    }
}
