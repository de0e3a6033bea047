package dev.larder.internal.advisor;

import dev.larder.SizeEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/*
 * How big one cache should be, estimated inside the running application.
 *
 * Sampling (SHARDS, Waldspurger et al., FAST 2015). A lookup's key is hashed; the key is sampled when the top 24 bits
 * of the hash fall below a threshold, so a key is either always sampled or never, and the sampled keys see their whole
 * reuse pattern at a rate R = threshold / 2^24. R is chosen so that the simulated cache at 1 × maxSize holds about
 * SAMPLED_ENTRIES entries: the memory and the work are bounded whatever maxSize is, and caches no bigger than that
 * are not sampled but simulated whole.
 *
 * Simulation (miniature simulation, Waldspurger et al., USENIX ATC 2017). Caffeine evicts by W-TinyLFU, not LRU, so
 * SHARDS's LRU stack distances would misjudge its hits. Instead the sampled keys feed one real Caffeine cache per
 * candidate size, each R times that size; its hit ratio is the estimate for the size.
 *
 * Adjustment (SHARDS_adj). Which keys the hash happens to sample matters most for the hottest: with Zipf lookups one
 * key may carry several percent of them, and sampling it or not moves every point. The sampled lookups are therefore
 * compared with R × the lookups counted: the surplus (or deficit) is taken from (or given to) the hits, as it comes
 * from hot keys, which hit at every candidate size, and the ratio is over R × the lookups counted.
 *
 * Cost on the caller. Whether a key is sampled is decided when its entry is stored (sampleOf), and kept on the entry:
 * a hit tests that field, never hashes the key. A miss hashes it (offer). A sampled lookup also stores its hash in a
 * lossy ring. The simulation runs on the common pool, scheduled every DRAIN_EVERY samples, and when the curve is read.
 *
 * Invalidations of sampled keys, and invalidate-all, go through the same ring, in order with the lookups, so that the
 * misses they cause are simulated at every size. Values stored by write-through and write-behind are not: a lookup
 * after such a put is a hit in the cache and, unless the key was already held, a miss in the simulation.
 */
/** Estimates one cache's hit ratio at ¼ × … 8 × its maximum size from a sampled stream of its lookups. Thread-safe. */
public final class SizeAdvisor implements Runnable {
    /** The candidate sizes, as multiples of the cache's maximum size. */
    static final double[] MULTIPLES = {0.25, 0.5, 1, 2, 4, 8};
    /** Entries of the simulated cache at 1 × maxSize when the stream is sampled: 4,096 keeps each point within ~1. */
    static final long SAMPLED_ENTRIES = 4096;

    private static final int FULL_SCALE = 1 << 24;
    private static final int GOLDEN = 0x9E3779B9;
    /**
     * Mixed in before the multiply so that the hashes 0 to 3, which the ring cannot hold as a removal, come from four
     * unlikely hash codes rather than from 0 (the key 0, "").
     */
    private static final int SEED = 0x5BD1E995;

    private static final int DRAIN_EVERY = 256;
    private static final int RING = 1 << 14;
    /** In the ring: a lookup's hash is odd, a removal's even, and this even value an invalidate-all. */
    static final int CLEAR = 2;

    private final long maxSize;
    private final int threshold;
    private final SampleRing ring = new SampleRing(RING);
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor executor;
    private final LongSupplier lookups;
    private final long lookupsBefore;
    /** Guarded by {@code this}. */
    private final MiniatureSimulation simulation;

    /**
     * @param maxSize the cache's maximum size, at least 1
     * @param lookups the count of the cache's lookups, every one of which is offered to {@link #offer}
     * @param executor where the simulation runs
     */
    public SizeAdvisor(long maxSize, LongSupplier lookups, Executor executor) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be at least 1: " + maxSize);
        }
        this.maxSize = maxSize;
        this.executor = executor;
        this.lookups = lookups;
        this.lookupsBefore = lookups.getAsLong();
        this.threshold = (int) Math.min(FULL_SCALE, (SAMPLED_ENTRIES * FULL_SCALE + maxSize - 1) / maxSize);
        long[] miniSizes = new long[MULTIPLES.length];
        for (int i = 0; i < miniSizes.length; i++) {
            miniSizes[i] = Math.max(1, Math.round(MULTIPLES[i] * maxSize * sampleRate()));
        }
        this.simulation = new MiniatureSimulation(miniSizes);
    }

    /** A lookup of {@code key} that found no entry (a miss): hashes the key and records it if it is sampled. */
    public void offer(Object key) {
        int sample = sampleOf(key);
        if (sample != 0) {
            sampled(sample);
        }
    }

    /**
     * What a lookup of {@code key} records: its sample, never 0, when the key is sampled; 0 when it is not. Computed
     * when the key's entry is stored and kept on it, so a hit need not hash the key: see {@link #sampled}.
     */
    public int sampleOf(Object key) {
        int hash = (key.hashCode() ^ SEED) * GOLDEN;
        // odd: never 0, which marks an empty slot, nor a removal; the lowest bit is lost to the key
        return (hash >>> 8) < threshold ? hash | 1 : 0;
    }

    /**
     * A lookup of a sampled key, given its {@link #sampleOf} (not 0). Hot path when the key is sampled: two release
     * stores into the ring, and a test whether to schedule the simulation.
     */
    public void sampled(int sample) {
        if ((ring.add(sample) & (DRAIN_EVERY - 1)) == 0) {
            drainSoon();
        }
    }

    /**
     * Schedules the simulation unless it is scheduled. A method of its own, run once per {@code DRAIN_EVERY} samples:
     * the JIT compiles it out of line (too rarely run to inline), so the hit path it is called from stays small enough
     * to be inlined into the caller.
     */
    private void drainSoon() {
        if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
            executor.execute(this);
        }
    }

    /**
     * The key was invalidated: the simulation drops it too, so the misses invalidations cause are in the estimates.
     * Not on the hit path.
     */
    public void removed(Object key) {
        int hash = (key.hashCode() ^ SEED) * GOLDEN;
        int removal = hash & ~1;
        if ((hash >>> 8) < threshold && removal != 0 && removal != CLEAR) {
            ring.add(removal);
        }
    }

    /** Every key was invalidated. Not on the hit path. */
    public void cleared() {
        ring.add(CLEAR);
    }

    /** Runs the simulation on the samples recorded so far. */
    @Override
    public void run() {
        drain();
        scheduled.set(false);
        if (ring.pending() && scheduled.compareAndSet(false, true)) {
            executor.execute(this);
        }
    }

    /** Feeds every sample recorded so far to the simulation, on the calling thread. */
    public synchronized void drain() {
        ring.drainTo(simulation::apply);
    }

    /** The fraction of keys sampled, in (0, 1]. */
    public double sampleRate() {
        return (double) threshold / FULL_SCALE;
    }

    /** Sampled lookups simulated so far. */
    public synchronized long sampledLookups() {
        return simulation.accesses();
    }

    /** Samples lost because the simulation fell behind the lookups. */
    public synchronized long droppedSamples() {
        return ring.dropped();
    }

    /** The estimated hit ratio at each candidate size, smallest first, from every lookup sampled until now. */
    public List<SizeEstimate> curve() {
        // counted before the drain, so that every lookup counted has had its sample drained
        long counted = lookups.getAsLong() - lookupsBefore;
        List<SizeEstimate> curve = new ArrayList<>(MULTIPLES.length);
        synchronized (this) {
            drain();
            long sampled = simulation.accesses();
            // the lookups whose samples were dropped are not expected to be seen
            double expected = counted * sampleRate() * sampled / Math.max(1, sampled + ring.dropped());
            double surplus = sampled - expected;
            for (int i = 0; i < MULTIPLES.length; i++) {
                double ratio = expected < 1 ? 0 : (simulation.hits(i) - surplus) / expected;
                curve.add(
                        new SizeEstimate(Math.round(MULTIPLES[i] * maxSize), Math.min(1, Math.max(0, ratio)), sampled));
            }
        }
        return List.copyOf(curve);
    }
}
