package dev.larder.it.agent;

import dev.larder.annotation.Cached;
import dev.larder.annotation.Invalidate;

/** Annotations on an interface apply to implementations; names come from the interface. */
public interface Lookup {
    @Cached
    String lookup(String name);

    @Invalidate(cache = "Lookup.lookup")
    void forget(String name);
}
