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

    public static void main(String[] args) {
        SimpleMeterRegistry global = new SimpleMeterRegistry();
        Metrics.addRegistry(global); // the global registry records only through the registries added to it
        SimpleMeterRegistry given = new SimpleMeterRegistry();
        LarderMetrics.bindTo(given);
        Prices prices = new Prices();
        prices.price("a");
        prices.price("a");
        prices.price("b");
        System.out.println("global " + gets(global, "hit") + " hits " + gets(global, "miss") + " misses");
        System.out.println("given " + gets(given, "hit") + " hits " + gets(given, "miss") + " misses");
    }

    private static long gets(MeterRegistry registry, String result) {
        return (long) registry.get("cache.gets")
                .tag("cache", "metered-prices")
                .tag("result", result)
                .functionCounter()
                .count();
    }

    /** Woven by the agent. */
    public static final class Prices {
        @Cached(cache = "metered-prices")
        public String price(String item) {
            return item + "-" + System.nanoTime();
        }
    }
}
