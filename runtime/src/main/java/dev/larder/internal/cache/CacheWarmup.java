package dev.larder.internal.cache;

import dev.larder.internal.metrics.CacheCounters;

/**
 * Runs one load through a throwaway {@link LocalCache} on a daemon thread while the runtime reads its configuration,
 * so that the classes a first cached call needs are loaded and initialised by the time it needs them. Caffeine's first
 * cache is the largest single cost of the runtime's start: some eighty classes, its generated cache and node classes
 * found reflectively, and the start of platform logging from its static initialiser. On a machine with a spare core
 * this takes most of it off the application's first cached call.
 *
 * <p>The warm-up touches no state but its own cache, which it drops. A failure here is ignored: the same failure
 * surfaces, with its real cause, where the runtime builds its caches.
 */
public final class CacheWarmup implements Runnable {
    private static final String NAME = "larder-warmup";

    private CacheWarmup() {}

    /** Starts the warm-up thread. */
    public static void start() {
        Thread thread = new Thread(new CacheWarmup(), NAME);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try {
            LocalCache cache = new LocalCache(NAME, 16, new CacheCounters(NAME));
            Object key = new Object();
            InFlight load = cache.newLoad();
            cache.register(key, load);
            cache.finish(key, load, cache.entryFor(key, load, key, Entry.NO_EXPIRY, 0));
            load.complete(key);
            cache.get(key);
        } catch (RuntimeException | LinkageError ignored) {
            // See the class comment: the runtime's own use of the cache reports the problem.
        }
    }
}
