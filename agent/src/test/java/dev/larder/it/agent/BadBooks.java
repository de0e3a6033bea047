package dev.larder.it.agent;

import dev.larder.annotation.Cached;
import java.util.concurrent.atomic.AtomicInteger;

/** One method with a template naming a missing parameter, one good one: only the good one is woven. */
public class BadBooks {
    public final AtomicInteger runs = new AtomicInteger();

    @Cached(key = "{nope}")
    public String find(int id) {
        runs.incrementAndGet();
        return "bad " + id;
    }

    @Cached
    public String good(int id) {
        runs.incrementAndGet();
        return "good " + id;
    }
}
