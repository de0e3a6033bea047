package dev.larder.it.agent.plain;

import java.util.concurrent.atomic.AtomicInteger;

/** Code without Larder annotations, cached by a rules file. */
public class PriceClient {
    public final AtomicInteger runs = new AtomicInteger();
    private volatile int version = 1;

    public String quote(String symbol) {
        runs.incrementAndGet();
        return symbol + " v" + version;
    }

    public String quote(String symbol, int scale) {
        runs.incrementAndGet();
        return symbol + "/" + scale + " v" + version;
    }

    public void update(String symbol) {
        version++;
    }

    public String broken(String symbol) {
        runs.incrementAndGet();
        return symbol;
    }
}
