package dev.larder.samples;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the sample runs.
 *
 * @param operations requests per run ({@code --ops}, default 200,000)
 * @param threads worker threads ({@code --threads}, default 8)
 * @param books books in the catalogue ({@code --books}, default 5,000)
 * @param exponent the Zipf exponent of book popularity ({@code --zipf}, default 1.1)
 * @param seed the random seed of data and requests ({@code --seed}, default 42)
 * @param report where the HTML report goes ({@code --report}, default {@code target/larder-report.html})
 * @param mode how {@link Catalog} is cached ({@code --mode}, default {@code compile-time})
 * @param redisUri a Redis to use as the second cache tier ({@code --redis}), or null for the local cache only
 * @param progress whether to draw the progress bar
 */
public record SampleOptions(
        int operations,
        int threads,
        int books,
        double exponent,
        long seed,
        Path report,
        LarderMode mode,
        @Nullable String redisUri,
        boolean progress) {

    static final String USAGE = """
            Usage: Main [--mode MODE] [--ops N] [--threads N] [--books N] [--zipf S] [--seed N] [--report PATH]
                        [--redis URI] [--no-progress]
              --mode MODE    how Catalog is cached: compile-time (Catalog_Cached, the default), load-time
                             (run with -javaagent:larder-agent.jar) or build-time (classes woven by larder-maven-plugin)
              --ops N        requests per run (default 200000)
              --threads N    worker threads (default 8)
              --books N      books in the catalogue (default 5000)
              --zipf S       Zipf exponent of book popularity (default 1.1)
              --seed N       random seed of the data and the requests (default 42)
              --report PATH  where to write the HTML report (default target/larder-report.html)
              --redis URI    use Redis as a second cache tier, e.g. redis://localhost:6379 (larder.backend=tiered)
              --no-progress  do not draw the progress bar
            """;

    public SampleOptions {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(mode, "mode");
        if (operations < 1 || threads < 1 || books < 10) {
            throw new IllegalArgumentException("--ops and --threads must be at least 1 and --books at least 10, were "
                    + operations + ", " + threads + " and " + books);
        }
        if (!(exponent > 0) || exponent > 10) {
            throw new IllegalArgumentException("--zipf must be above 0 and at most 10, was " + exponent);
        }
    }

    /** The defaults. */
    public static SampleOptions defaults() {
        return new SampleOptions(
                200_000,
                8,
                5_000,
                1.1,
                42,
                Path.of("target", "larder-report.html"),
                LarderMode.COMPILE_TIME,
                null,
                true);
    }

    /**
     * Parses command-line flags over the defaults; a later flag wins over an earlier one.
     *
     * @throws IllegalArgumentException naming the flag and the value when one is unknown or malformed
     */
    public static SampleOptions parse(List<String> args) {
        SampleOptions d = defaults();
        int operations = d.operations;
        int threads = d.threads;
        int books = d.books;
        double exponent = d.exponent;
        long seed = d.seed;
        Path report = d.report;
        LarderMode mode = d.mode;
        @Nullable String redisUri = d.redisUri;
        boolean progress = d.progress;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (flag.isBlank()) {
                continue;
            }
            if (flag.equals("--no-progress")) {
                progress = false;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
            }
            String value = args.get(++i);
            try {
                switch (flag) {
                    case "--ops" -> operations = Integer.parseInt(value);
                    case "--threads" -> threads = Integer.parseInt(value);
                    case "--books" -> books = Integer.parseInt(value);
                    case "--zipf" -> exponent = Double.parseDouble(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--report" -> report = Path.of(value);
                    case "--mode" -> mode = LarderMode.parse(value);
                    case "--redis" -> redisUri = value;
                    default -> throw new IllegalArgumentException("unknown flag " + flag + "\n" + USAGE);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " needs a number, was '" + value + "'\n" + USAGE, e);
            }
        }
        return new SampleOptions(operations, threads, books, exponent, seed, report, mode, redisUri, progress);
    }

    /** These options with another number of requests and threads, and no progress bar: for tests. */
    public SampleOptions withWorkload(int operations, int threads) {
        return new SampleOptions(operations, threads, books, exponent, seed, report, mode, redisUri, false);
    }
}
