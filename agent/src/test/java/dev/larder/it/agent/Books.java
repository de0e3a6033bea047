package dev.larder.it.agent;

import dev.larder.annotation.Cached;
import dev.larder.annotation.Invalidate;
import dev.larder.annotation.RefreshAhead;
import dev.larder.annotation.WriteBehind;
import dev.larder.annotation.WriteThrough;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** An annotated fixture for the weaver: each method counts how often its body runs. */
public class Books {
    /** Set by the static initializer through a woven method: the site fields exist before any code of the class runs. */
    public static final String WARM = new Books().find(-1);

    public static final AtomicInteger STATIC_RUNS = new AtomicInteger();

    public final AtomicInteger runs = new AtomicInteger();
    public final Map<String, String> notes = new ConcurrentHashMap<>();
    public volatile CountDownLatch gate = new CountDownLatch(0);
    public volatile String edition = "1st";

    @Cached
    public String find(int id) {
        runs.incrementAndGet();
        return "book #" + id + " " + edition;
    }

    @Cached
    public String find(String name) {
        runs.incrementAndGet();
        return "book '" + name + "' " + edition;
    }

    @Cached(key = "{shelf}:{position}")
    public String at(String shelf, long position) {
        runs.incrementAndGet();
        return "at " + shelf + "/" + position + " " + edition;
    }

    @Cached
    public int pages(String name) {
        runs.incrementAndGet();
        return name.length() * 100;
    }

    @Cached(cacheNull = true)
    public String missing(String name) {
        runs.incrementAndGet();
        return null;
    }

    @Cached
    public String slow(String key) throws InterruptedException {
        runs.incrementAndGet();
        gate.await(10, TimeUnit.SECONDS);
        return key + " " + edition;
    }

    @Cached
    public String failing(String key) throws java.io.IOException {
        runs.incrementAndGet();
        throw new java.io.IOException("no " + key);
    }

    @Cached
    public String noArguments() {
        runs.incrementAndGet();
        return "constant " + edition;
    }

    @Cached(cache = "statics")
    public static String statically(String key) {
        STATIC_RUNS.incrementAndGet();
        return "static " + key;
    }

    @Cached(cache = "refreshing", ttl = "1h")
    @RefreshAhead(at = 0.001)
    public String refreshing(String key) {
        runs.incrementAndGet();
        return key + " " + edition;
    }

    @Invalidate(cache = "Books.find(int)", key = "{id}")
    public void evict(int id) {
        edition = "2nd";
    }

    @WriteThrough(cache = "Books.find(String)", key = "{name}")
    public String retitle(String name, String title) {
        return title;
    }

    @WriteBehind(cache = "notes", key = "{id}", value = "{text}", delay = "1h")
    public void note(String id, String text) {
        notes.put(id, text);
    }

    @Cached(cache = "notes", key = "{id}")
    public String readNote(String id) {
        runs.incrementAndGet();
        return notes.get(id);
    }
}
