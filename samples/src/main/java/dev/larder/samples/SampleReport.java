package dev.larder.samples;

import dev.larder.CacheStats;
import java.util.List;
import java.util.Map;

/**
 * Everything the sample measured.
 *
 * @param options how it ran
 * @param backend the Larder backend in use
 * @param books books in the catalogue
 * @param cached the run on the cached catalogue ({@code Catalog_Cached}, or {@link Catalog} where it is woven)
 * @param plain the run on {@link CatalogQueries}, which no mode caches
 * @param caches Larder's statistics by cache name, read after {@code Larder.shutdown()}
 * @param cachedQueries database round trips of the cached run
 * @param plainQueries database round trips of the plain run
 * @param cachedCheck the cached run's database after shutdown, compared with what the workload did
 * @param plainCheck the same for the plain run
 * @param prometheusScrape a Prometheus scrape of the registry Larder was bound to ({@code LarderMetrics.bindTo}),
 *     taken after the cached run
 * @param restart the first seconds after a cold and after a warm restart
 */
public record SampleReport(
        SampleOptions options,
        String backend,
        int books,
        Workload.Run cached,
        Workload.Run plain,
        Map<String, CacheStats> caches,
        QueryCounter.Counts cachedQueries,
        QueryCounter.Counts plainQueries,
        Ledger.Verification cachedCheck,
        Ledger.Verification plainCheck,
        String prometheusScrape,
        Restart restart) {

    /**
     * The first seconds of book lookups after two restarts of the cached application, one without and one with warm
     * restarts ({@code larder.cache.books.warm}).
     *
     * @param warmKeys the most books recorded at a clean shutdown
     * @param warmRate recorded books reloaded a second after the warm start
     * @param perSecond book lookups a second after each start
     * @param toWarm books the warm start found recorded ({@code CacheStats.toWarm()})
     * @param warmed of those, reloaded (or skipped) by the end of its traffic ({@code CacheStats.warmed()})
     * @param cold the first seconds after the start without warm restarts
     * @param warm the first seconds after the warm start
     */
    public record Restart(
            int warmKeys,
            int warmRate,
            int perSecond,
            long toWarm,
            long warmed,
            FirstSeconds.Result cold,
            FirstSeconds.Result warm) {
        /** The spans from the start the reports give the hit ratio of. */
        static final List<Long> FIRSTS = List.of(250L, 500L, 1_000L, 3_000L);
    }

    /** Database round trips the cache saved, as a fraction of the plain run's. */
    public double queriesAvoided() {
        return plainQueries.total() == 0 ? 0 : 1 - (double) cachedQueries.total() / plainQueries.total();
    }

    /** How many times faster the median request was with Larder. */
    public double speedUp(double percentile) {
        long with = Math.max(1, cached.all().percentile(percentile));
        return (double) plain.all().percentile(percentile) / with;
    }
}
