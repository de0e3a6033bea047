package dev.larder.it.agent;

import dev.larder.annotation.Cached;
import java.util.concurrent.atomic.AtomicInteger;

/** A generic superclass whose annotated method is overridden with a concrete type. */
public class Base<T> {
    public final AtomicInteger runs = new AtomicInteger();

    @Cached
    public String load(T id) {
        runs.incrementAndGet();
        return "base " + id;
    }
}
