package dev.larder.it.agent;

import dev.larder.annotation.Cached;
import java.util.concurrent.atomic.AtomicInteger;

/** A static method whose key names {@code this}, which it has not: refused, and left as it is. */
public class StaticShelf {
    public static final AtomicInteger RUNS = new AtomicInteger();

    @Cached(key = "{this.name}:{id}")
    public static String find(int id) {
        RUNS.incrementAndGet();
        return "static " + id;
    }
}
