package dev.larder.it.agent.owners;

import java.util.concurrent.atomic.AtomicInteger;

/** Not annotated: the rules file caches both methods, one in a copying cache and one in a plain cache. */
public class OwnerForms {
    public final AtomicInteger runs = new AtomicInteger();

    public Owner newOwner(String form) {
        runs.incrementAndGet();
        return new Owner();
    }

    public Owner sharedOwner(String form) {
        runs.incrementAndGet();
        return new Owner();
    }
}
