package dev.larder.it;

import dev.larder.CacheStats;
import dev.larder.Larder;

/**
 * The change of one cache's statistics since it was taken. Statistics are cumulative for the JVM, so tests assert on
 * what changed while they ran.
 */
public final class StatsDelta {
    private final String cache;
    private final CacheStats before;

    private StatsDelta(String cache) {
        this.cache = cache;
        this.before = Larder.stats(cache);
    }

    /** Starts measuring a cache now. */
    public static StatsDelta of(String cache) {
        return new StatsDelta(cache);
    }

    /** What changed since this was taken; {@code size} is the current size, not a change. */
    public CacheStats now() {
        return Larder.stats(cache).since(before);
    }
}
