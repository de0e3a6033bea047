package dev.larder.it.agent;

import dev.larder.annotation.Cached;
import dev.larder.annotation.Invalidate;
import dev.larder.annotation.WriteThrough;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One class serving many instances, told apart by a property, as one repository implementation serves every
 * repository: the key names {@code this} so that each instance has its own entries.
 */
public class Shelf {
    public final AtomicInteger runs = new AtomicInteger();
    public String name = "";

    public String getName() {
        return name;
    }

    @Cached(key = "{this.name}:{id}")
    public String find(int id) {
        runs.incrementAndGet();
        return name + " #" + id;
    }

    @Cached(key = "{this.class}:{id}")
    public String kind(int id) {
        runs.incrementAndGet();
        return name + " kind " + id;
    }

    @WriteThrough(cache = "Shelf.find", key = "{this.name}:{id}", value = "{result}")
    public String put(int id, String title) {
        return title;
    }

    @Invalidate(cache = "Shelf.find", key = "{this.name}:{id}")
    public void evict(int id) {}

    /** Not cached: the rules file caches it by the instance's name. */
    public String plain(int id) {
        runs.incrementAndGet();
        return name + " plain " + id;
    }
}
