package dev.larder;

/**
 * A snapshot of one cache's counters, cumulative since the cache was first used in this JVM (they survive {@link
 * Larder#configure}). Immutable.
 *
 * @param cache the cache name
 * @param hits calls answered from the cache
 * @param misses calls that found nothing cached (each either loaded or waited on another caller's load)
 * @param loads loads run, failed ones included
 * @param loadFailures loads that threw
 * @param totalLoadNanos time spent loading
 * @param evictions entries removed for size or expiry
 * @param refreshes refresh-ahead reloads that succeeded
 * @param refreshFailures refresh-ahead reloads that threw
 * @param waits misses that waited on a load already in flight instead of loading: stampedes absorbed
 * @param puts values stored by write-through and write-behind
 * @param invalidations invalidations of a key or of the whole cache
 * @param size entries held now (an estimate)
 * @param writeBehindQueued write-behind writes accepted
 * @param writeBehindCoalesced write-behind writes replaced by a later write to the same key before a flush
 * @param writeBehindWritten write-behind writes written to the system of record
 * @param writeBehindBatches calls made to write them (batch method calls, or method bodies)
 * @param writeBehindRetried write-behind retries
 * @param writeBehindDeadLettered write-behind writes given to the dead-letter handler
 * @param writeBehindDepth write-behind writes waiting now
 * @param backendErrors faults of the cache backend, each answered by calling the method instead
 */
public record CacheStats(
        String cache,
        long hits,
        long misses,
        long loads,
        long loadFailures,
        long totalLoadNanos,
        long evictions,
        long refreshes,
        long refreshFailures,
        long waits,
        long puts,
        long invalidations,
        long size,
        long writeBehindQueued,
        long writeBehindCoalesced,
        long writeBehindWritten,
        long writeBehindBatches,
        long writeBehindRetried,
        long writeBehindDeadLettered,
        long writeBehindDepth,
        long backendErrors) {

    /** Hits divided by reads (hits plus misses); 0 when there were none. */
    public double hitRatio() {
        long reads = hits + misses;
        return reads == 0 ? 0 : (double) hits / reads;
    }

    /** Mean time of a load in nanoseconds; 0 when there were none. */
    public double averageLoadNanos() {
        return loads == 0 ? 0 : (double) totalLoadNanos / loads;
    }
}
