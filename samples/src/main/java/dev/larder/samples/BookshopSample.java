package dev.larder.samples;

import dev.larder.CacheStats;
import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.LarderMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The sample from start to end: checks that {@link Catalog} is cached as the mode says, warms the JVM up, builds two
 * identical shop databases, runs the workload once on {@link CatalogQueries} (no mode caches it) and once on the cached
 * catalogue ({@code Catalog_Cached} in compile-time mode, plain {@link Catalog} where it is woven), shuts Larder down so
 * every write-behind write is stored, and checks both databases against what the workload did.
 */
public final class BookshopSample {
    /** The caches the catalogue uses, in the order the report shows them. */
    public static final List<String> CACHES = List.of("books", "authorSearch", "authorBooks", "views");

    /** The hottest books recorded at a clean shutdown and reloaded after the next start. */
    static final int WARM_KEYS = 1_000;
    /** Recorded books reloaded a second after a start ({@code larder.warm.rate}). */
    static final int WARM_RATE = 5_000;
    /** Book lookups a second after each restart, and for how long, in intervals of how long. */
    static final int RESTART_RATE = 1_000;

    static final long RESTART_MILLIS = 3_000;
    static final long RESTART_INTERVAL_MILLIS = 250;
    private static final int RESTART_THREADS = 4;

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
        Path warmDir = createWarmDir();
        try {
            return run(options, warmDir, progress);
        } finally {
            deleteWarmDir(warmDir);
        }
    }

    private static SampleReport run(SampleOptions options, Path warmDir, @Nullable PrintStream progress)
            throws InterruptedException {
        LarderConfig config;
        LarderConfig warmConfig;
        try {
            config = config(options.redisUri(), warmDir, options.books());
            warmConfig = config.overriddenBy(LarderConfig.builder()
                    .set("larder.cache.books.warm", Integer.toString(WARM_KEYS))
                    .build());
        } catch (RuntimeException e) {
            throw cannotStart(options.redisUri(), e);
        }
        String backend = startLarder(warmConfig, options.redisUri());
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
            // Stores every pending write-behind write, records the hottest books and stops Larder's threads.
            Larder.shutdown();
            Map<String, CacheStats> stats = new LinkedHashMap<>();
            for (String cache : CACHES) {
                stats.put(cache, Larder.stats(cache));
            }
            Ledger.Verification cachedCheck = cached.ledger().verify(cachedDb.storedBooks());
            String scrape = registry.scrape();
            registry.close();
            QueryCounter.Counts cachedQueries = cachedDb.queries().snapshot();

            SampleReport.Restart restart = restarts(config, warmConfig, workload, options, cachedDb, progress);

            return new SampleReport(
                    options,
                    backend,
                    seed.bookCount(),
                    cached,
                    plain,
                    Collections.unmodifiableMap(stats),
                    cachedQueries,
                    plainDb.queries().snapshot(),
                    cachedCheck,
                    plainCheck,
                    scrape,
                    restart);
        }
    }

    /**
     * Restarts the cached application twice over the same database, as after a deployment, and measures the first
     * seconds of book lookups: first a start without warm restarts (the books the measured run's shutdown recorded
     * stay on disk), then one with {@code larder.cache.books.warm}, which reloads them in the background. Each start
     * is a fresh runtime ({@code Larder.configure}: empty caches), each ends with a clean {@code Larder.shutdown()}.
     */
    private static SampleReport.Restart restarts(
            LarderConfig cold,
            LarderConfig warm,
            Workload workload,
            SampleOptions options,
            Database database,
            @Nullable PrintStream progress)
            throws InterruptedException {
        FirstSeconds traffic = new FirstSeconds(
                workload, RESTART_THREADS, RESTART_RATE, RESTART_MILLIS, RESTART_INTERVAL_MILLIS, options.seed() + 2);
        if (progress != null) {
            progress.printf(
                    Locale.ROOT,
                    "  restarting twice: %,d book lookups a second for %.1f s after a cold and a warm start%n",
                    RESTART_RATE,
                    RESTART_MILLIS / 1000.0);
        }
        Larder.configure(cold);
        FirstSeconds.Result coldStart = traffic.measure(cachedCatalog(options.mode(), database));
        Larder.shutdown();

        Larder.configure(warm);
        FirstSeconds.Result warmStart = traffic.measure(cachedCatalog(options.mode(), database));
        CacheStats books = Larder.stats("books");
        Larder.shutdown();
        return new SampleReport.Restart(
                WARM_KEYS, WARM_RATE, RESTART_RATE, books.toWarm(), books.warmed(), coldStart, warmStart);
    }

    /** A directory of this run's own for warm restarts, so no earlier run's recorded keys reach this one. */
    private static Path createWarmDir() {
        try {
            return Files.createTempDirectory("larder-sample-warm");
        } catch (IOException e) {
            throw new UncheckedIOException("creating a directory for warm restarts", e);
        }
    }

    private static void deleteWarmDir(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A temporary directory left behind harms nothing.
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
     * The configuration of the sample: the backend the options ask for, the size advisor on for every cache, a book
     * cache of four books in five of the catalogue, and warm restarts recorded under {@code warmDir} at {@link
     * #WARM_RATE} keys a second unless the configuration (larder.properties, system properties) says otherwise. Warm restarts themselves are not switched on here.
     */
    private static LarderConfig config(@Nullable String redisUri, Path warmDir, int books) {
        LarderConfig wanted = LarderConfig.builder()
                .set("larder.local.sizeAdvisor", "true")
                // Room for four books in five: the book cache evicts, so the size advisor has a gain to show
                .set("larder.cache.books.maxSize", Integer.toString(booksCacheSize(books)))
                .set("larder.warm.rate", Integer.toString(WARM_RATE))
                .build()
                .overriddenBy(LarderConfig.load())
                .overriddenBy(LarderConfig.builder()
                        .set("larder.warm.dir", warmDir.toString())
                        .build());
        if (redisUri != null) {
            wanted = wanted.overriddenBy(LarderConfig.builder()
                    .set("larder.backend", "tiered")
                    .set("larder.redis.uri", redisUri)
                    .build());
        }
        return wanted;
    }

    /** The size of the book cache: four books in five of the catalogue. */
    static int booksCacheSize(int books) {
        return Math.max(1, books * 4 / 5);
    }

    /** Starts Larder now with {@code wanted}, so a backend that cannot start fails here. */
    private static String startLarder(LarderConfig wanted, @Nullable String redisUri) {
        try {
            Larder.configure(wanted);
            // The runtime checks here that Jedis and Jackson are on the class path (the sample brings both).
            LarderConfig config = Larder.config();
            String backend = config.backend().name().toLowerCase(Locale.ROOT);
            return config.backend() == LarderConfig.Backend.LOCAL ? backend : backend + " (" + config.redisUri() + ")";
        } catch (RuntimeException e) {
            throw cannotStart(redisUri, e);
        }
    }

    private static IllegalStateException cannotStart(@Nullable String redisUri, RuntimeException e) {
        String wanted = redisUri != null ? "the tiered backend with Redis at " + redisUri : "the configured backend";
        return new IllegalStateException(
                "Larder could not start " + wanted + ": " + e.getMessage()
                        + "\nRun without --redis (and without larder.backend / larder.redis.uri) to use the"
                        + " local cache, which needs nothing installed.",
                e);
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
