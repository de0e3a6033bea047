package dev.larder;

import java.util.List;

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
 * @param evictions entries removed from this JVM's local tier for size or expiry ({@code larder.local.maxSize}, the
 *     TTL); Redis's own expiry and eviction are not counted, so this stays 0 for a cache on the {@code redis} backend
 * @param refreshes refresh-ahead reloads that succeeded
 * @param refreshFailures refresh-ahead reloads that threw
 * @param waits misses that waited on a load already in flight instead of loading: stampedes absorbed
 * @param puts values stored by write-through and write-behind
 * @param invalidations invalidations of a key or of the whole cache
 * @param size entries held now in this JVM's local tier (an estimate): all entries for a {@code local} cache, the L1
 *     copies for a {@code tiered} one, and 0 for a {@code redis} one, whose entries are all in Redis (loads in flight
 *     are not counted)
 * @param writeBehindQueued write-behind writes accepted
 * @param writeBehindCoalesced write-behind writes replaced by a later write to the same key before a flush
 * @param writeBehindWritten write-behind writes written to the system of record
 * @param writeBehindBatches calls made to write them (batch method calls, or method bodies)
 * @param writeBehindRetried write-behind retries
 * @param writeBehindDeadLettered write-behind writes given to the dead-letter handler
 * @param writeBehindDepth write-behind writes waiting now
 * @param backendErrors faults of the cache backend, each answered by calling the method instead
 * @param backendCalls calls made to the remote backend (Redis), failed ones included
 * @param backendNanos time spent in them
 * @param breakerState the circuit breaker in front of Redis now: 0 closed (also for caches without Redis), 1 open
 *     (calls skip Redis), 2 half-open (one probe call is testing Redis)
 * @param writeBehindWaits write-behind writes that found their method's queue full ({@code
 *     larder.writeBehind.maxPending}) and waited for room
 * @param sizeCurve the estimated hit ratio of this cache's lookups at ¼, ½, 1, 2, 4 and 8 × its maximum size, smallest
 *     first, from the lookups since the cache was last configured; empty unless the size advisor is on for it ({@code
 *     larder.cache.<name>.sizeAdvisor} or {@code larder.local.sizeAdvisor}, for caches with a local tier). See the
 *     README's "How big should a cache be" for the method and its accuracy
 * @param warmed recorded keys reloaded (or skipped) so far by a warm restart ({@code larder.cache.<name>.warm})
 * @param toWarm recorded keys a warm restart found for this cache at start-up; 0 without one. Warming is done when
 *     {@code warmed == toWarm}
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
        long backendErrors,
        long backendCalls,
        long backendNanos,
        int breakerState,
        long writeBehindWaits,
        List<SizeEstimate> sizeCurve,
        long warmed,
        long toWarm) {

    /** Copies the curve; rejects a null one. */
    public CacheStats {
        sizeCurve = List.copyOf(sizeCurve);
    }

    /**
     * What changed between {@code earlier} and this snapshot of the same cache: every counter as a difference; the
     * gauges ({@code size}, {@code writeBehindDepth}, {@code breakerState}), the {@code sizeCurve} and the warm-restart
     * progress as they are now.
     */
    public CacheStats since(CacheStats earlier) {
        return new CacheStats(
                cache,
                hits - earlier.hits,
                misses - earlier.misses,
                loads - earlier.loads,
                loadFailures - earlier.loadFailures,
                totalLoadNanos - earlier.totalLoadNanos,
                evictions - earlier.evictions,
                refreshes - earlier.refreshes,
                refreshFailures - earlier.refreshFailures,
                waits - earlier.waits,
                puts - earlier.puts,
                invalidations - earlier.invalidations,
                size,
                writeBehindQueued - earlier.writeBehindQueued,
                writeBehindCoalesced - earlier.writeBehindCoalesced,
                writeBehindWritten - earlier.writeBehindWritten,
                writeBehindBatches - earlier.writeBehindBatches,
                writeBehindRetried - earlier.writeBehindRetried,
                writeBehindDeadLettered - earlier.writeBehindDeadLettered,
                writeBehindDepth,
                backendErrors - earlier.backendErrors,
                backendCalls - earlier.backendCalls,
                backendNanos - earlier.backendNanos,
                breakerState,
                writeBehindWaits - earlier.writeBehindWaits,
                sizeCurve,
                warmed,
                toWarm);
    }

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
