package dev.larder.it.agent;

import java.util.concurrent.atomic.AtomicInteger;

/** No annotations of its own. */
public class LookupImpl implements Lookup {
    public final AtomicInteger runs = new AtomicInteger();
    private volatile int version = 1;

    @Override
    public String lookup(String name) {
        runs.incrementAndGet();
        return name + " v" + version;
    }

    @Override
    public void forget(String name) {
        version++;
    }
}
