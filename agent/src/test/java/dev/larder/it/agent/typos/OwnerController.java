package dev.larder.it.agent.typos;

import java.util.concurrent.atomic.AtomicInteger;

/** Code without annotations, named by rules with typos in them. */
public class OwnerController {
    public final AtomicInteger runs = new AtomicInteger();

    public String showOwner(int ownerId) {
        runs.incrementAndGet();
        return "owner " + ownerId;
    }

    public String findOwner(Integer ownerId) {
        runs.incrementAndGet();
        return "found " + ownerId;
    }
}
