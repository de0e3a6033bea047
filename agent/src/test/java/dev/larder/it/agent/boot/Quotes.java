package dev.larder.it.agent.boot;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.Cacheable;

/** A service as a Spring application has it: Spring's {@code @Cacheable}, no Larder annotation. */
public class Quotes {
    private final AtomicInteger runs = new AtomicInteger();

    @Cacheable("quotes")
    public String quote(String symbol) {
        runs.incrementAndGet();
        return symbol + " at 42";
    }

    public int runs() {
        return runs.get();
    }
}
