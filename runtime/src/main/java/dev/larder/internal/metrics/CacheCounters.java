package dev.larder.internal.metrics;

import dev.larder.SizeEstimate;
import dev.larder.internal.advisor.SizeAdvisor;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The live counters of one cache. Shared by every handle and queue of that cache; {@link LongAdder}s so that counting
 * from many threads stays contention-free.
 *
 * <p>Hits are not counted as such: a hit would have to count after its lookup, at the end of the hit path, where the
 * counter's loads and store lengthen the hit. Instead every lookup is counted at the start of the hit path, in a
 * {@link LookupCounter} (no atomic instruction), overlapping with the lookup itself, and a lookup that turns into a
 * miss counts a miss later; hits are lookups minus misses. That is exact once the calls counted have returned; while a
 * miss is being decided its lookup briefly reads as a hit.
 */
public final class CacheCounters {
    private final String cache;
    private final LookupCounter lookups = new LookupCounter();
    private final LongAdder misses = new LongAdder();
    private final LongAdder loads = new LongAdder();
    private final LongAdder loadFailures = new LongAdder();
    private final LongAdder loadNanos = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder refreshes = new LongAdder();
    private final LongAdder refreshFailures = new LongAdder();
    private final LongAdder waits = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder invalidations = new LongAdder();
    private final LongAdder writeBehindQueued = new LongAdder();
    private final LongAdder writeBehindCoalesced = new LongAdder();
    private final LongAdder writeBehindWritten = new LongAdder();
    private final LongAdder writeBehindBatches = new LongAdder();
    private final LongAdder writeBehindRetried = new LongAdder();
    private final LongAdder writeBehindDeadLettered = new LongAdder();
    private final LongAdder writeBehindWaits = new LongAdder();
    private final LongAdder backendErrors = new LongAdder();
    private final LongAdder backendCalls = new LongAdder();
    private final LongAdder backendNanos = new LongAdder();
    private final AtomicLong warmed = new AtomicLong();
    private final AtomicLong toWarm = new AtomicLong();
    private volatile IntSupplier breakerState = Zero.INSTANCE;
    private volatile LongSupplier writeBehindDepth = Zero.INSTANCE;
    private volatile LongSupplier size = Zero.INSTANCE;
    private volatile @Nullable SizeAdvisor sizeAdvisor;

    public CacheCounters(String cache) {
        this.cache = cache;
    }

    public String cache() {
        return cache;
    }

    /**
     * A lookup of the cache: a hit unless {@link #miss()} follows for it. Hot path: a plain store, see {@link
     * LookupCounter}.
     */
    public void lookup() {
        lookups.increment();
    }

    /** The lookup counted last by this thread found nothing: it is a miss, not a hit. */
    public void miss() {
        misses.increment();
    }

    public void loaded(long nanos) {
        loads.increment();
        loadNanos.add(nanos);
    }

    public void loadFailed(long nanos) {
        loads.increment();
        loadFailures.increment();
        loadNanos.add(nanos);
    }

    public void evicted() {
        evictions.increment();
    }

    public void refreshed() {
        refreshes.increment();
    }

    public void refreshFailed() {
        refreshFailures.increment();
    }

    /** A caller waited on another caller's in-flight load instead of loading: a stampede absorbed. */
    public void waited() {
        waits.increment();
    }

    public void put() {
        puts.increment();
    }

    public void invalidated() {
        invalidations.increment();
    }

    public void writeBehindQueued() {
        writeBehindQueued.increment();
    }

    public void writeBehindCoalesced() {
        writeBehindCoalesced.increment();
    }

    public void writeBehindWritten(int writes) {
        writeBehindWritten.add(writes);
        writeBehindBatches.increment();
    }

    public void writeBehindRetried() {
        writeBehindRetried.increment();
    }

    public void writeBehindDeadLettered() {
        writeBehindDeadLettered.increment();
    }

    /** A writer found the write-behind queue full and waited for room. */
    public void writeBehindWaited() {
        writeBehindWaits.increment();
    }

    public void backendError() {
        backendErrors.increment();
    }

    /** A call to the remote backend (Redis) finished, successfully or not, after {@code nanos}. */
    public void backendCall(long nanos) {
        backendCalls.increment();
        backendNanos.add(nanos);
    }

    /** Where the state of the circuit breaker in front of this cache's remote backend is read. */
    public void breakerState(IntSupplier state) {
        breakerState = state;
    }

    /** A warm restart found {@code keys} recorded keys of this cache to reload; progress starts again from 0. */
    public void warming(long keys) {
        warmed.set(0);
        toWarm.set(keys);
    }

    /** A recorded key was reloaded (or skipped) by a warm restart. */
    public void warmedOne() {
        warmed.incrementAndGet();
    }

    /** Recorded keys reloaded or skipped so far by the warm restart. */
    public long warmed() {
        return warmed.get();
    }

    /** Recorded keys the warm restart found at start-up; 0 without one. */
    public long toWarm() {
        return toWarm.get();
    }

    /** Where the number of entries is read: the local cache that currently holds the cache's entries. */
    public void size(LongSupplier entries) {
        size = entries;
    }

    /** Entries held in this JVM now (an estimate, as Caffeine gives it). */
    public long size() {
        return size.getAsLong();
    }

    /** The size advisor of the local cache that currently holds the cache's entries; null when it has none. */
    public void sizeAdvisor(@Nullable SizeAdvisor advisor) {
        sizeAdvisor = advisor;
    }

    /** The estimated hit-ratio curve, smallest size first; empty without a size advisor. */
    public List<SizeEstimate> sizeCurve() {
        SizeAdvisor advisor = sizeAdvisor;
        return advisor == null ? List.of() : advisor.curve();
    }

    /** Adds a source of pending write-behind writes to the queue depth this cache reports. */
    public synchronized void addWriteBehindDepth(LongSupplier depth) {
        LongSupplier previous = writeBehindDepth;
        writeBehindDepth = () -> previous.getAsLong() + depth.getAsLong();
    }

    /** Lookups: hits and misses. */
    public long lookups() {
        return lookups.sum();
    }

    /** Lookups that were not misses. */
    public long hits() {
        long missed = misses.sum(); // first: every lookup of a miss read here is then read below
        // never negative, even for a miss whose lookup was counted by the counters of an earlier configuration
        return Math.max(0, lookups.sum() - missed);
    }

    public long misses() {
        return misses.sum();
    }

    public long loads() {
        return loads.sum();
    }

    /** Loads that returned a value (loads count both outcomes). */
    public long loadSuccesses() {
        long failed = loadFailures.sum();
        return Math.max(0, loads.sum() - failed);
    }

    public long loadFailures() {
        return loadFailures.sum();
    }

    public long loadNanos() {
        return loadNanos.sum();
    }

    public long evictions() {
        return evictions.sum();
    }

    public long refreshes() {
        return refreshes.sum();
    }

    public long refreshFailures() {
        return refreshFailures.sum();
    }

    public long waits() {
        return waits.sum();
    }

    public long puts() {
        return puts.sum();
    }

    public long invalidations() {
        return invalidations.sum();
    }

    public long writeBehindQueuedCount() {
        return writeBehindQueued.sum();
    }

    public long writeBehindCoalescedCount() {
        return writeBehindCoalesced.sum();
    }

    public long writeBehindWrittenCount() {
        return writeBehindWritten.sum();
    }

    public long writeBehindBatches() {
        return writeBehindBatches.sum();
    }

    public long writeBehindRetriedCount() {
        return writeBehindRetried.sum();
    }

    public long writeBehindDeadLetteredCount() {
        return writeBehindDeadLettered.sum();
    }

    public long writeBehindWaitsCount() {
        return writeBehindWaits.sum();
    }

    public long writeBehindDepth() {
        return writeBehindDepth.getAsLong();
    }

    public long backendErrors() {
        return backendErrors.sum();
    }

    public long backendCalls() {
        return backendCalls.sum();
    }

    public long backendNanos() {
        return backendNanos.sum();
    }

    /** 0 closed (or no remote backend), 1 open, 2 half-open. */
    public int breakerState() {
        return breakerState.getAsInt();
    }

    /** No breaker, no pending writes. */
    private enum Zero implements IntSupplier, LongSupplier {
        INSTANCE;

        @Override
        public int getAsInt() {
            return 0;
        }

        @Override
        public long getAsLong() {
            return 0;
        }
    }
}
