package dev.larder.internal.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.RemovalListener;
import dev.larder.internal.advisor.SizeAdvisor;
import dev.larder.internal.clock.CoarseTicker;
import dev.larder.internal.metrics.CacheCounters;
import dev.larder.internal.tag.TagStamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/*
 * One named cache in this JVM: a Caffeine cache of entries plus the loads in flight for its keys.
 *
 * Concurrency. Reads never lock: a hit is one Caffeine lookup and an expiry check. A miss registers an InFlight
 * in `inFlight` with putIfAbsent, so one caller per key loads and the others wait on it (single-flight). The loader
 * runs outside every lock, so a slow load never blocks other keys and a loader may use the cache itself.
 *
 * The invalidation race. A load that started before an invalidation must not store its (old) value after it. An
 * invalidation first removes the key's InFlight, then the entry. A load stores with `compute`, and inside that
 * compute (under the entry's lock) checks that its InFlight is still the registered one. Either the invalidation
 * removed the InFlight before the check, and the load stores nothing, or it removes it after, and then its removal
 * of the entry queues behind the compute's lock and removes what the load stored. Write-through puts remove the
 * InFlight the same way, so a slow load never overwrites a newer written value.
 *
 * Invalidate-all. Removing every key and every InFlight one by one races with loads that insert while the clear
 * iterates. Instead each epoch has a Caffeine cache of its own: `generation` holds the epoch and its cache, and
 * invalidateAll installs a new, empty generation (a new Caffeine cache built as the first) with the next epoch, then
 * forgets the loads in flight. Reads, writes, size, sweep and the warm-restart ranking all go through the current
 * generation, so the old cache is unreachable the moment the swap is done and is simply left to the collector. A load
 * carries the epoch in which it started (InFlight.epoch) and stores through a compute on the generation it reads at
 * store time, which must be of that epoch: a load that began before the swap either sees the new generation and
 * stores nothing, or stores into the old one, which no read can reach any more. Entries carry no epoch, so a hit
 * compares none. Counters are the cache's own (CacheCounters), not Caffeine's, so they run on across generations; a
 * generation's eviction listener counts only while it is current.
 *
 * Expiry is per entry (methods sharing a cache may have different TTLs) and checked by the read itself against
 * CoarseTicker: one volatile load and a comparison, where Caffeine's own expiry would add a ticker call and policy
 * bookkeeping to every hit. An expired entry reads as absent; the load that follows replaces it, and sweep() removes
 * the ones nobody asks for again, so they do not hold memory until size eviction reaches them.
 */
/** A named local cache: entries on Caffeine, loads in flight, and the generation that invalidate-all replaces. */
public final class LocalCache {
    private final String name;
    private final CacheCounters counters;
    private final long maxSize;
    private final ConcurrentHashMap<Object, InFlight> inFlight = new ConcurrentHashMap<>();
    /** Write-behind values the system of record does not have yet; outside Caffeine, so never evicted. */
    private final ConcurrentHashMap<Object, PendingWrite> pendingWrites = new ConcurrentHashMap<>();

    /** Null unless {@code larder.cache.<name>.sizeAdvisor} is on. */
    private final @Nullable SizeAdvisor advisor;

    /** The current epoch and its entries; replaced whole by {@link #dropAll()}. */
    private volatile Generation generation;
    /** Whether new entries keep their write and load times: set once a refresh-ahead method reads this cache. */
    private volatile boolean keepsWriteTimes;
    /** How often each key is looked up, for the warm-restart ranking; null unless the cache is warmed. */
    private volatile @Nullable UseSketch uses;

    public LocalCache(String name, long maxSize, CacheCounters counters) {
        this(name, maxSize, counters, null);
    }

    public LocalCache(String name, long maxSize, CacheCounters counters, @Nullable SizeAdvisor advisor) {
        this.name = name;
        this.counters = counters;
        this.advisor = advisor;
        this.maxSize = maxSize;
        counters.sizeAdvisor(advisor);
        this.generation = newGeneration(0);
        counters.size(new Size(this));
    }

    /** An empty generation of the epoch: a Caffeine cache built as every generation of this cache is. */
    private Generation newGeneration(int epoch) {
        Cache<Object, Entry> cache = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .evictionListener(new CountEvictions(this, epoch))
                .build();
        return new Generation(epoch, cache);
    }

    public String name() {
        return name;
    }

    public CacheCounters counters() {
        return counters;
    }

    /**
     * The live entry for the key, or null. Hot path: no locks, no allocation, no system clock call; one volatile read
     * of the generation, one lookup and the expiry check.
     */
    public @Nullable Entry get(Object key) {
        Entry entry = generation.cache.getIfPresent(key);
        return entry != null && !entry.expiredAt(CoarseTicker.now()) ? entry : null;
    }

    /**
     * Shows a lookup of the key that found no live entry to the size advisor, if the cache has one. The miss path's
     * half of the sampling: the key is hashed here, off the hit path.
     */
    public void sample(Object key) {
        used(key);
        SizeAdvisor sizeAdvisor = advisor;
        if (sizeAdvisor != null) {
            sizeAdvisor.offer(key);
        }
    }

    /**
     * Shows a hit on {@code entry} to the size advisor. Hot path: whether the key is sampled was decided when the entry
     * was stored, and a plain entry of a key not sampled is of class {@link Entry} itself, so this compares the class
     * of the entry the hit has just read with a constant; no hash, no field, and nothing more for such an entry.
     */
    public void sampleHit(Entry entry) {
        if (entry.getClass() != Entry.class) {
            sampled(entry);
        }
    }

    /**
     * Out of line, so that the sampled hits' ring store does not grow the inlined hit path. Also reached by refresh and
     * tagged entries, which keep a sample of their own, 0 when the key is not sampled.
     */
    private void sampled(Entry entry) {
        int sample = entry.sample();
        SizeAdvisor sizeAdvisor = advisor;
        if (sample != 0 && sizeAdvisor != null) { // an entry has a sample only in a cache with an advisor
            sizeAdvisor.sampled(sample);
        }
    }

    /**
     * From now on counts each lookup of a key, hit ({@link #used}) or miss ({@link #sample}), so that {@link #hottest}
     * ranks the live keys by how often they are looked up: called when a method of a cache with {@code
     * larder.cache.<name>.warm} is bound, before it reads. Idempotent.
     *
     * @param recorded how many keys a clean shutdown records
     */
    public synchronized void rankByUse(int recorded) {
        if (uses == null) {
            uses = new UseSketch(recorded, maxSize);
        }
    }

    /** Whether {@link #rankByUse} was called: then each hit must call {@link #used}. */
    public boolean ranksByUse() {
        return uses != null;
    }

    /** Counts a hit of the key for the warm-restart ranking, if the cache ranks by use; a miss counts in sample. */
    public void used(Object key) {
        UseSketch sketch = uses;
        if (sketch != null) {
            sketch.increment(key);
        }
    }

    /**
     * From now on new entries keep their write time and load time, which refresh-ahead needs; called when a
     * refresh-ahead method is bound to this cache, before it reads. Entries stored earlier do without: they are not
     * refreshed ahead, and expire and reload as usual.
     */
    public void keepWriteTimes() {
        keepsWriteTimes = true;
    }

    /**
     * Registers a load of the key.
     *
     * @return null when the caller now owns the load ({@code load} is registered), else the load already in flight
     */
    public @Nullable InFlight register(Object key, InFlight load) {
        return inFlight.putIfAbsent(key, load);
    }

    /** A new, unregistered load handle for the current epoch, run by the current thread. */
    public InFlight newLoad() {
        return new InFlight(generation.epoch, Thread.currentThread());
    }

    /**
     * A new, unregistered refresh handle for the current epoch. It belongs to no thread until its worker calls {@link
     * InFlight#runOnCurrentThread()}: the reader that schedules it must be able to wait on it like any other caller.
     */
    public InFlight newRefresh() {
        return new InFlight(generation.epoch, null);
    }

    /**
     * Ends a load: stores {@code entry} (or removes the key when null) only if the load is still current, that is, no
     * invalidation, put or invalidate-all happened since it was registered; then unregisters it.
     *
     * @return false when the load was superseded before this call: a remote tier that stored the value before calling
     *     this must then remove it again (an invalidation that superseded the load later deletes after the store)
     */
    public boolean finish(Object key, InFlight load, @Nullable Entry entry) {
        Generation current = generation;
        boolean stillCurrent = inFlight.get(key) == load && current.epoch == load.epoch;
        if (stillCurrent) {
            // Into the generation read above: if invalidate-all replaced it meanwhile, no read reaches this store
            current.entries.compute(key, new StoreIfCurrent(load, entry));
        }
        inFlight.remove(key, load);
        return stillCurrent;
    }

    /** Unregisters a load that stores nothing (it failed). */
    public void abandon(Object key, InFlight load) {
        inFlight.remove(key, load);
    }

    /** Creates an entry for a value of the key loaded by {@code load}. */
    public Entry entryFor(Object key, InFlight load, @Nullable Object value, long ttlNanos, long loadNanos) {
        return newEntry(value, CoarseTicker.now(), ttlNanos, loadNanos, sampleOf(key), load.tags);
    }

    /** Creates an entry for a value read from a remote tier, written {@code writtenAt} ({@link CoarseTicker} scale). */
    public Entry entryFor(
            Object key, InFlight load, @Nullable Object value, long ttlNanos, long loadNanos, long writtenAt) {
        return newEntry(value, writtenAt, ttlNanos, loadNanos, sampleOf(key), load.tags);
    }

    private Entry newEntry(
            @Nullable Object value,
            long writtenAt,
            long ttlNanos,
            long loadNanos,
            int sample,
            @Nullable TagStamp tags) {
        return entry(value, writtenAt, ttlNanos, loadNanos, sample, tags, keepsWriteTimes);
    }

    /** The smallest entry that keeps what is given: tags, write and load times, a sample, or only value and deadline. */
    private static Entry entry(
            @Nullable Object value,
            long writtenAt,
            long ttlNanos,
            long loadNanos,
            int sample,
            @Nullable TagStamp tags,
            boolean keepTimes) {
        if (tags != null) {
            return new TaggedEntry(value, writtenAt, ttlNanos, sample, tags);
        }
        if (keepTimes) {
            return new RefreshEntry(value, writtenAt, ttlNanos, loadNanos, sample);
        }
        return sample == 0
                ? new Entry(value, writtenAt, ttlNanos)
                : new SampledEntry(value, writtenAt, ttlNanos, sample);
    }

    /** The size advisor's sample of the key, kept on its entry for the hits; 0 when not sampled. */
    private int sampleOf(Object key) {
        SizeAdvisor sizeAdvisor = advisor;
        return sizeAdvisor == null ? 0 : sizeAdvisor.sampleOf(key);
    }

    /** Stores a written value, superseding any load of the key in flight. */
    public Entry put(Object key, @Nullable Object value, long ttlNanos) {
        Entry entry = newEntry(value, CoarseTicker.now(), ttlNanos, 0, sampleOf(key), null);
        inFlight.remove(key);
        generation.entries.put(key, entry);
        counters.put();
        return entry;
    }

    /**
     * Gives a stored entry a shorter lifetime, counted from when it was written (from now for an entry that does not
     * keep its write time: called just after the put that stored it), unless another entry replaced it.
     */
    public void shorten(Object key, Entry entry, long ttlNanos) {
        long writtenAt = entry.writtenAt() == Entry.UNKNOWN ? CoarseTicker.now() : entry.writtenAt();
        TagStamp tags = entry instanceof TaggedEntry tagged ? tagged.tags() : null;
        Entry shorter = entry(
                entry.value,
                writtenAt,
                ttlNanos,
                entry.loadNanos(),
                entry.sample(),
                tags,
                entry instanceof RefreshEntry);
        generation.entries.replace(key, entry, shorter);
    }

    /**
     * Counts a write that is stored elsewhere (Redis without L1) and supersedes any load of the key in flight, so that
     * load neither stores its older value nor finds itself current.
     */
    public void supersede(Object key) {
        inFlight.remove(key);
        counters.put();
    }

    /** Removes the entry only if it is still {@code entry} (a failed future, say), leaving a newer one alone. */
    public void remove(Object key, Entry entry) {
        generation.entries.remove(key, entry);
    }

    /** Removes the key; a load of it in flight will not store its value. */
    public void invalidate(Object key) {
        drop(key);
        counters.invalidated();
    }

    /** As {@link #invalidate(Object)}, uncounted: drops an L1 copy that another JVM's change made stale. */
    public void drop(Object key) {
        inFlight.remove(key);
        generation.entries.remove(key);
        if (advisor != null) {
            advisor.removed(key);
        }
    }

    /**
     * Removes every key; loads in flight will not store their values. Takes effect at once by replacing the cache's
     * generation with an empty one; the old entries are left to the garbage collector, so the call costs the same for
     * a full cache as for an empty one.
     */
    public void invalidateAll() {
        dropAll();
        counters.invalidated();
    }

    /** As {@link #invalidateAll()}, uncounted: drops every L1 copy when invalidations may have been missed. */
    public void dropAll() {
        synchronized (this) {
            generation = newGeneration(generation.epoch + 1);
        }
        inFlight.clear();
        if (advisor != null) {
            advisor.cleared();
        }
    }

    /**
     * Records a write-behind value (null: a removal) not yet written to the system of record; it replaces the key's
     * earlier pending value. Read on misses only, by {@link #pendingWrite}: never on the hit path. Not affected by
     * invalidation or eviction, as the system of record will have this value.
     *
     * @return what names this pending value to {@link #endPendingWrite}
     */
    public PendingWrite pendWrite(Object key, @Nullable Object value) {
        PendingWrite pending = new PendingWrite(value);
        pendingWrites.put(key, pending);
        return pending;
    }

    /** The system of record has the value, or it was given up: forgets it, unless a newer one replaced it. */
    public void endPendingWrite(Object key, PendingWrite pending) {
        pendingWrites.remove(key, pending);
    }

    /** The key's write-behind value not yet written to the system of record, or null. For misses. */
    public @Nullable PendingWrite pendingWrite(Object key) {
        return pendingWrites.isEmpty() ? null : pendingWrites.get(key);
    }

    /**
     * Up to {@code n} keys of live entries, hottest first (for warm restarts). In a cache that {@link #rankByUse ranks
     * by use}, by the estimated number of recent lookups of each key (ties in no particular order); otherwise in the
     * retention order of Caffeine's eviction policy, which knows frequencies only once the cache is half full. Not for
     * the hot path: it visits every entry.
     */
    public List<Object> hottest(int n) {
        Cache<Object, Entry> cache = generation.cache;
        // Reads are buffered before they reach the policy: drain them, so that size evictions are done
        cache.cleanUp();
        UseSketch sketch = uses;
        return sketch == null ? retainedLongest(cache, n) : UseRanking.hottest(cache.asMap(), sketch, n);
    }

    /** The retention order of Caffeine's eviction policy: its protected segment, then by its frequency sketch. */
    private static List<Object> retainedLongest(Cache<Object, Entry> cache, int n) {
        long now = CoarseTicker.now();
        List<Object> keys = new ArrayList<>();
        Map<Object, Entry> ranked =
                cache.policy().eviction().map(e -> e.hottest(n)).orElse(Map.of());
        for (Map.Entry<Object, Entry> entry : ranked.entrySet()) {
            Entry value = entry.getValue();
            if (!value.expiredAt(now)) {
                keys.add(entry.getKey());
            }
        }
        return keys;
    }

    /** The number of entries of the current generation, as Caffeine estimates it. */
    public long size() {
        return generation.cache.estimatedSize();
    }

    /** Removes the entries that have expired; each removal is conditional on the entry. */
    public void sweep() {
        long now = CoarseTicker.now();
        ConcurrentMap<Object, Entry> entries = generation.entries;
        entries.forEach((key, entry) -> {
            if (entry.expiredAt(now) && entries.remove(key, entry)) {
                counters.evicted();
            }
        });
    }

    /** A pending write-behind value; compared by identity, so a newer write of the key is never mistaken for it. */
    public static final class PendingWrite {
        private final @Nullable Object value;

        PendingWrite(@Nullable Object value) {
            this.value = value;
        }

        /** The value written; null for a removal. */
        public @Nullable Object value() {
            return value;
        }
    }

    /**
     * The compute of {@link #finish}: stores the entry only if the load is still current, under the key's lock.
     */
    private final class StoreIfCurrent implements BiFunction<Object, Entry, Entry> {
        private final InFlight load;
        private final @Nullable Entry entry;

        StoreIfCurrent(InFlight load, @Nullable Entry entry) {
            this.load = load;
            this.entry = entry;
        }

        @Override
        public @Nullable Entry apply(Object key, @Nullable Entry old) {
            return inFlight.get(key) == load && generation.epoch == load.epoch ? entry : old;
        }
    }

    /** One epoch's entries: its Caffeine cache and that cache's map view. Immutable; see the notes at the top. */
    private static final class Generation {
        final int epoch;
        final Cache<Object, Entry> cache;
        final ConcurrentMap<Object, Entry> entries;

        Generation(int epoch, Cache<Object, Entry> cache) {
            this.epoch = epoch;
            this.cache = cache;
            this.entries = cache.asMap();
        }
    }

    /** Reports the entry count of the current generation to the counters. */
    private static final class Size implements LongSupplier {
        private final LocalCache cache;

        Size(LocalCache cache) {
            this.cache = cache;
        }

        @Override
        public long getAsLong() {
            return cache.size();
        }
    }

    /**
     * Counts one generation's size evictions while it is current: a load that stores into a generation already
     * replaced (see the notes at the top) may make it evict, but those entries were dropped by invalidate-all already.
     */
    private static final class CountEvictions implements RemovalListener<Object, Entry> {
        private final LocalCache cache;
        private final int epoch;

        CountEvictions(LocalCache cache, int epoch) {
            this.cache = cache;
            this.epoch = epoch;
        }

        @Override
        public void onRemoval(@Nullable Object key, @Nullable Entry value, RemovalCause cause) {
            if (cache.generation.epoch == epoch) {
                cache.counters.evicted();
            }
        }
    }
}
