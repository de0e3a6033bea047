package dev.larder.benchmarks;

import dev.larder.annotation.Cached;

/** The benchmarked method: two arguments, a 10 minute TTL. The annotation processor generates {@code Directory_Cached}. */
public class Directory {
    @Cached(cache = "Directory.find", ttl = "10m")
    public String find(int id, String tenant) {
        return HitBenchmark.find(id, tenant);
    }
}
