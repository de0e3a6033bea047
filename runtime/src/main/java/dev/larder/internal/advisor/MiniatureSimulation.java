package dev.larder.internal.advisor;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;

/**
 * Caffeine itself, run at a fraction of each candidate size on the sampled keys (a "miniature simulation", Waldspurger
 * et al., USENIX ATC 2017): a cache of {@code rate × size} entries fed the keys sampled at {@code rate} misses about as
 * often as the full cache fed every key. Caffeine evicts by W-TinyLFU, whose hits an LRU stack-distance model would
 * get wrong; simulating the real policy needs no model of it. Not thread-safe: one drainer feeds it.
 */
final class MiniatureSimulation {
    private final List<Cache<Integer, Integer>> caches;
    private final long[] hits;
    private long accesses;

    MiniatureSimulation(long[] miniSizes) {
        List<Cache<Integer, Integer>> built = new ArrayList<>(miniSizes.length);
        for (long size : miniSizes) {
            // maintenance on the drainer's own thread: the simulation must see evictions in stream order
            built.add(Caffeine.newBuilder()
                    .maximumSize(size)
                    .executor(Runnable::run)
                    .<Integer, Integer>build());
        }
        caches = List.copyOf(built);
        hits = new long[miniSizes.length];
    }

    /** One entry of the sampled stream: a lookup (odd), an invalidation (even) or an invalidate-all ({@code clear}). */
    void apply(int sample) {
        if ((sample & 1) != 0) {
            access(sample);
        } else if (sample == SizeAdvisor.CLEAR) {
            for (Cache<Integer, Integer> cache : caches) {
                cache.invalidateAll();
            }
        } else {
            Integer key = sample | 1;
            for (Cache<Integer, Integer> cache : caches) {
                cache.invalidate(key);
            }
        }
    }

    /** One sampled lookup of the key with this hash: a hit or a load in every simulated cache. */
    void access(int keyHash) {
        Integer key = keyHash;
        accesses++;
        for (int i = 0; i < hits.length; i++) {
            Cache<Integer, Integer> cache = caches.get(i);
            if (cache.getIfPresent(key) != null) {
                hits[i]++;
            } else {
                cache.put(key, key);
            }
        }
    }

    long accesses() {
        return accesses;
    }

    /** Hits of the simulated cache {@code i} so far. */
    long hits(int i) {
        return hits[i];
    }
}
