package dev.larder.it.agent.app;

import dev.larder.annotation.Cached;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Run in a forked JVM with the agent and Micrometer on the class path: its one woven cache is made and called on a
 * thread without a context class loader, which stands for the system class loader; prints what the global registry
 * counted.
 */
public final class NullContextMetricsApp {
    private NullContextMetricsApp() {}

    public static void main(String[] args) throws InterruptedException {
        SimpleMeterRegistry global = new SimpleMeterRegistry();
        Metrics.addRegistry(global);
        Thread thread = new Thread(() -> new Quotes().quote("q"));
        thread.setContextClassLoader(null);
        thread.start();
        thread.join();
        var gets = Search.in(global)
                .name("cache.gets")
                .tag("cache", "null-context-quotes")
                .tag("result", "miss");
        System.out.println("null context global "
                + (gets.functionCounter() == null
                        ? "no meter"
                        : (long) gets.functionCounter().count() + " misses"));
    }

    /** Woven by the agent. */
    public static final class Quotes {
        @Cached(cache = "null-context-quotes")
        public String quote(String item) {
            return item + "-" + System.nanoTime();
        }
    }
}
