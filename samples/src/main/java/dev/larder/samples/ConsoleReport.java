package dev.larder.samples;

import dev.larder.CacheStats;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report as a terminal shows it: a few aligned tables a person reads at a glance. */
final class ConsoleReport {
    private static final double[] PERCENTILES = {0.5, 0.99, 0.999};

    private ConsoleReport() {}

    static void print(SampleReport r, PrintStream out) {
        SampleOptions o = r.options();
        out.printf(
                Locale.ROOT,
                "%nLarder bookshop sample, %s mode (%s)%n%s requests on %d threads, %s books, Zipf s=%.2f, backend %s%n",
                o.mode().flag(),
                o.mode().cachedCatalog(),
                Format.count(o.operations()),
                o.threads(),
                Format.count(r.books()),
                o.exponent(),
                r.backend());

        out.printf(
                "%nCaches           %12s %12s %10s %10s %10s%n", "hits", "misses", "hit ratio", "loads", "refreshes");
        for (CacheStats s : r.caches().values()) {
            out.printf(
                    "  %-14s %12s %12s %10s %10s %10s%n",
                    s.cache(),
                    Format.count(s.hits()),
                    Format.count(s.misses()),
                    Format.percent(s.hitRatio()),
                    Format.count(s.loads()),
                    Format.count(s.refreshes()));
        }

        QueryCounter.Counts with = r.cachedQueries();
        QueryCounter.Counts without = r.plainQueries();
        out.printf("%nDatabase round trips  %12s %12s %12s%n", "with Larder", "without", "avoided");
        row(out, "reads", with.reads(), without.reads());
        row(out, "single writes", with.writes(), without.writes());
        row(out, "JDBC batches", with.batches(), without.batches());
        out.printf(
                "  %-19s %12s %12s %12s  (%s)%n",
                "total",
                Format.count(with.total()),
                Format.count(without.total()),
                Format.count(without.total() - with.total()),
                Format.percent(r.queriesAvoided()));

        CacheStats views = r.caches().get("views");
        if (views != null) {
            out.printf(
                    "%nWrite-behind (views): %s queued, %s coalesced, %s written in %s batches (%s rows)%n",
                    Format.count(views.writeBehindQueued()),
                    Format.count(views.writeBehindCoalesced()),
                    Format.count(views.writeBehindWritten()),
                    Format.count(views.writeBehindBatches()),
                    Format.count(with.batchedRows()));
        }

        out.printf(
                "%nPages of books (@CachedAll, %d to %d books each, from the books cache): %s pages, %s books%n",
                Workload.PAGE_MIN,
                Workload.PAGE_MAX,
                Format.count(r.cached().issued().get(Operation.BOOK_PAGE)),
                Format.count(r.cached().pageBooks()));
        out.printf("  %-19s %12s %12s%n", "", "with Larder", "without");
        out.printf(
                "  %-19s %12s %12s%n",
                "pages that queried",
                Format.count(r.cached().queried().get(Operation.BOOK_PAGE)),
                Format.count(r.plain().queried().get(Operation.BOOK_PAGE)));
        out.printf(
                "  %-19s %12s %12s%n",
                "books queried",
                Format.count(r.cachedQueries().bulkKeys()),
                Format.count(r.plainQueries().bulkKeys()));
        out.printf(
                "  %-19s %12s %12s%n",
                "median page",
                median(r.cached().latency(), Operation.BOOK_PAGE),
                median(r.plain().latency(), Operation.BOOK_PAGE));

        Ledger.Verification moved = r.cachedCheck();
        out.printf(
                "%nAuthor tags: %s books moved to another author, each dropping both authors' pages (tag author:{id},"
                        + " authorBooks and authorSearch); read back right after each move: %s%n",
                Format.count(moved.moves()), moved.staleReads() == 0 ? "none stale" : moved.staleReads() + " STALE");

        restart(out, r.restart());

        out.printf("%nLatency, all requests  %10s %10s %10s %14s%n", "p50", "p99", "p99.9", "throughput");
        latency(out, "with Larder", r.cached());
        latency(out, "without", r.plain());
        out.printf(
                "  %-20s %10s %10s %10s %14s%n",
                "speed-up",
                Format.times(r.speedUp(0.5)),
                Format.times(r.speedUp(0.99)),
                Format.times(r.speedUp(0.999)),
                Format.times(r.cached().throughput() / r.plain().throughput()));

        out.printf(
                "%nMedian by request    %12s %12s %12s %12s %12s %12s%n",
                "with Larder", "without", "in db, with", "without", "rest, with", "without");
        for (Operation op : Operation.values()) {
            out.printf(
                    "  %-18s %12s %12s %12s %12s %12s %12s   (%s requests)%n",
                    op.label(),
                    median(r.cached().latency(), op),
                    median(r.plain().latency(), op),
                    median(r.cached().database(), op),
                    median(r.plain().database(), op),
                    median(r.cached().outsideDatabase(), op),
                    median(r.plain().outsideDatabase(), op),
                    Format.count(r.cached().issued().get(op)));
        }
        out.println("  (in db: time in database statements; rest: the cache, the per-book lock, waiting for a core)");

        out.println();
        check(out, "with Larder, after Larder.shutdown()", r.cachedCheck());
        check(out, "without Larder", r.plainCheck());
    }

    private static void restart(PrintStream out, SampleReport.Restart restart) {
        out.printf(
                Locale.ROOT,
                "%nRestart: %s book lookups a second after a clean shutdown and a new start; the warm start reloads"
                        + " the %s hottest books recorded at shutdown, %s a second%n",
                Format.count(restart.perSecond()),
                Format.count(restart.warmKeys()),
                Format.count(restart.warmRate()));
        List<Long> firsts = SampleReport.Restart.FIRSTS;
        out.printf("  %-36s", "hit ratio in the first");
        for (long millis : firsts) {
            out.printf(Locale.ROOT, " %8.2f s", millis / 1000.0);
        }
        out.println();
        out.printf("  %-36s", "cold start");
        for (long millis : firsts) {
            out.printf(" %10s", Format.percent(restart.cold().hitRatioOfFirst(millis)));
        }
        out.println();
        out.printf(
                "  %-36s",
                "warm start (" + Format.count(restart.warmed()) + " of " + Format.count(restart.toWarm()) + " warmed)");
        for (long millis : firsts) {
            out.printf(" %10s", Format.percent(restart.warm().hitRatioOfFirst(millis)));
        }
        out.println();
    }

    private static String median(Map<Operation, LatencyHistogram> histograms, Operation op) {
        return Format.nanos(histograms.get(op).percentile(0.5));
    }

    private static void row(PrintStream out, String label, long with, long without) {
        out.printf(
                "  %-19s %12s %12s %12s%n",
                label, Format.count(with), Format.count(without), Format.count(without - with));
    }

    private static void latency(PrintStream out, String label, Workload.Run run) {
        out.printf("  %-20s", label);
        for (double p : PERCENTILES) {
            out.printf(" %10s", Format.nanos(run.all().percentile(p)));
        }
        out.printf(" %10s/s%n", Format.count(Math.round(run.throughput())));
    }

    private static void check(PrintStream out, String label, Ledger.Verification v) {
        if (v.ok()) {
            out.printf(
                    "Database check %s: OK, all %s books hold their last price and view count (%s views recorded,"
                            + " %s stored)%n",
                    label, Format.count(v.books()), Format.count(v.recordedViews()), Format.count(v.storedViews()));
        } else {
            out.printf(
                    "Database check %s: FAILED, %d differences, first: %s%n",
                    label, v.mismatches().size(), v.mismatches().get(0));
        }
    }
}
