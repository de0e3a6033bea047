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
        CacheStats after = Larder.stats(cache);
        return new CacheStats(
                cache,
                after.hits() - before.hits(),
                after.misses() - before.misses(),
                after.loads() - before.loads(),
                after.loadFailures() - before.loadFailures(),
                after.totalLoadNanos() - before.totalLoadNanos(),
                after.evictions() - before.evictions(),
                after.refreshes() - before.refreshes(),
                after.refreshFailures() - before.refreshFailures(),
                after.waits() - before.waits(),
                after.puts() - before.puts(),
                after.invalidations() - before.invalidations(),
                after.size(),
                after.writeBehindQueued() - before.writeBehindQueued(),
                after.writeBehindCoalesced() - before.writeBehindCoalesced(),
                after.writeBehindWritten() - before.writeBehindWritten(),
                after.writeBehindBatches() - before.writeBehindBatches(),
                after.writeBehindRetried() - before.writeBehindRetried(),
                after.writeBehindDeadLettered() - before.writeBehindDeadLettered(),
                after.writeBehindDepth(),
                after.backendErrors() - before.backendErrors());
    }
}
