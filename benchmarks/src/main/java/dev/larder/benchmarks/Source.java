package dev.larder.benchmarks;

/** What a cached method computes on a miss: trivial for the timings, counting and slow for the stampede. */
@FunctionalInterface
public interface Source {
    Source TRIVIAL = (id, tenant) -> tenant + "/" + id;

    String load(int id, String tenant);
}
