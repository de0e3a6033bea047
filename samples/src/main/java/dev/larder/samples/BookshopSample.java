package dev.larder.samples;

import dev.larder.CacheStats;
import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.LarderMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The sample from start to end: checks that {@link Catalog} is cached as the mode says, warms the JVM up, builds two
 * identical shop databases, runs the workload once on {@link CatalogQueries} (no mode caches it) and once on the cached
 * catalogue ({@code Catalog_Cached} in compile-time mode, plain {@link Catalog} where it is woven), shuts Larder down so
 * every write-behind write is stored, and checks both databases against what the workload did.
 */
public final class BookshopSample {
    /** The caches the catalogue uses, in the order the report shows them. */
    public static final List<String> CACHES = List.of("books", "authorSearch", "views");

    private static final int AUTHORS = 400;

    private BookshopSample() {}

    /**
     * Runs the sample.
     *
     * @param progress where the progress bars go, or null for none
     * @throws IllegalStateException when {@link Catalog} is not cached as {@link SampleOptions#mode()} says, or Larder
     *     cannot start with the requested backend
     */
    public static SampleReport run(SampleOptions options, @Nullable PrintStream progress) throws InterruptedException {
        Objects.requireNonNull(options, "options");
        WeavingCheck.require(options.mode());
        String backend = startLarder(options.redisUri());
        CatalogueSeed seed = new CatalogueSeed(options.books(), AUTHORS, options.seed());
        Workload workload =
                new Workload(seed, options.operations(), options.threads(), options.exponent(), options.seed());
        int connections = options.threads() + 4;
        warmUp(seed, options, connections, progress);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        LarderMetrics.bindTo(registry);
        try (Database plainDb = Database.create("shop-plain", seed, connections);
                Database cachedDb = Database.create("shop-larder", seed, connections)) {
            Workload.Run plain = workload.run(new CatalogQueries(plainDb), "without Larder", null, progress);
            Ledger.Verification plainCheck = plain.ledger().verify(plainDb.storedBooks());

            Workload.Run cached = workload.run(
                    cachedCatalog(options.mode(), cachedDb),
                    "with Larder",
                    BookshopSample::readHitsAndMisses,
                    progress);
            // Stores every pending write-behind write and stops Larder's threads.
            Larder.shutdown();
            Map<String, CacheStats> stats = new LinkedHashMap<>();
            for (String cache : CACHES) {
                stats.put(cache, Larder.stats(cache));
            }
            Ledger.Verification cachedCheck = cached.ledger().verify(cachedDb.storedBooks());
            String scrape = registry.scrape();
            registry.close();

            return new SampleReport(
                    options,
                    backend,
                    seed.bookCount(),
                    cached,
                    plain,
                    Collections.unmodifiableMap(stats),
                    cachedDb.queries().snapshot(),
                    plainDb.queries().snapshot(),
                    cachedCheck,
                    plainCheck,
                    scrape);
        }
    }

    /** The catalogue with Larder's caching, as the mode provides it. */
    static Bookshop cachedCatalog(LarderMode mode, Database database) {
        return switch (mode) {
            case COMPILE_TIME -> new Catalog_Cached(database);
            // Woven: the annotated class itself is cached, with no generated type.
            case BUILD_TIME, LOAD_TIME -> new Catalog(database);
        };
    }

    /**
     * Runs part of the workload on {@link CatalogQueries} over a database of its own, unmeasured, so that the JIT has
     * compiled the workload, JDBC and H2 before either measured run. Larder is left untouched: its statistics then
     * count the measured run only.
     */
    private static void warmUp(CatalogueSeed seed, SampleOptions options, int connections, @Nullable PrintStream out)
            throws InterruptedException {
        int operations = Math.max(1_000, Math.min(options.operations() / 4, 40_000));
        Workload warmUp = new Workload(seed, operations, options.threads(), options.exponent(), options.seed() + 1);
        try (Database db = Database.create("shop-warm-up", seed, connections)) {
            warmUp.run(new CatalogQueries(db), "warming up", null, out);
        }
    }

    /**
     * Applies the backend the options ask for, with the size advisor on for every cache unless the configuration
     * (larder.properties, system properties) says otherwise, and starts Larder now, so a backend that cannot start
     * fails here.
     */
    private static String startLarder(@Nullable String redisUri) {
        try {
            LarderConfig wanted = LarderConfig.builder()
                    .set("larder.local.sizeAdvisor", "true")
                    .build()
                    .overriddenBy(LarderConfig.load());
            if (redisUri != null) {
                wanted = wanted.overriddenBy(LarderConfig.builder()
                        .set("larder.backend", "tiered")
                        .set("larder.redis.uri", redisUri)
                        .build());
            }
            Larder.configure(wanted);
            // The runtime checks here that Jedis and Jackson are on the class path (the sample brings both).
            LarderConfig config = Larder.config();
            String backend = config.backend().name().toLowerCase(java.util.Locale.ROOT);
            return config.backend() == LarderConfig.Backend.LOCAL ? backend : backend + " (" + config.redisUri() + ")";
        } catch (RuntimeException e) {
            String wanted =
                    redisUri != null ? "the tiered backend with Redis at " + redisUri : "the configured backend";
            throw new IllegalStateException(
                    "Larder could not start " + wanted + ": " + e.getMessage()
                            + "\nRun without --redis (and without larder.backend / larder.redis.uri) to use the"
                            + " local cache, which needs nothing installed.",
                    e);
        }
    }

    private static long[] readHitsAndMisses() {
        long hits = 0;
        long misses = 0;
        for (String cache : CACHES) {
            CacheStats s = Larder.stats(cache);
            hits += s.hits();
            misses += s.misses();
        }
        return new long[] {hits, misses};
    }
}
