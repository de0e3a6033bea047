package dev.larder.samples;

import dev.larder.CacheStats;
import dev.larder.SizeEstimate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report as one self-contained HTML page: tables and inline SVG charts, no script, nothing fetched. */
final class HtmlReport {
    private static final String WITH_COLOR = "#2a7d4f";
    private static final String WITHOUT_COLOR = "#c0392b";
    /** The sizes the size advisor estimates, as multiples of a cache's maximum size. */
    private static final List<String> SIZE_MULTIPLES = List.of("¼ ×", "½ ×", "1 ×", "2 ×", "4 ×", "8 ×");

    private static final String[] CURVE_COLORS = {WITH_COLOR, "#2e86c1", "#d68910", "#7d3c98"};
    private static final double[] SPECTRUM = {
        0, 0.25, 0.5, 0.75, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.998, 0.999, 0.9995, 0.9999
    };

    private HtmlReport() {}

    /** Writes the page, creating its folder; returns the absolute path written. */
    static Path write(SampleReport r, Path path) throws IOException {
        Path absolute = path.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        Files.writeString(absolute, render(r), StandardCharsets.UTF_8);
        return absolute;
    }

    static String render(SampleReport r) {
        SampleOptions o = r.options();
        StringBuilder h = new StringBuilder();
        h.append(
                        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Larder bookshop sample</title>\n")
                .append("<style>body{font-family:sans-serif;max-width:780px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{padding:3px 10px;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}tr:nth-child(even){background:#f3f3f3}")
                .append(".big{font-size:1.4em;font-weight:bold}.ok{color:")
                .append(WITH_COLOR)
                .append("}.bad{color:")
                .append(WITHOUT_COLOR)
                .append("}</style></head><body>\n");
        h.append("<h1>Larder bookshop sample</h1>\n<p>")
                .append(Format.count(o.operations()))
                .append(" requests on ")
                .append(o.threads())
                .append(" threads over ")
                .append(Format.count(r.books()))
                .append(" books (Zipf s=")
                .append(String.format(Locale.ROOT, "%.2f", o.exponent()))
                .append(", seed ")
                .append(o.seed())
                .append("), backend ")
                .append(SvgChart.escape(r.backend()))
                .append(", ")
                .append(o.mode().flag())
                .append(" mode (")
                .append(SvgChart.escape(o.mode().cachedCatalog()))
                .append(").</p>\n");
        h.append("<p class=\"big\">")
                .append(Format.percent(r.queriesAvoided()))
                .append(" of database round trips avoided · median request ")
                .append(Format.times(r.speedUp(0.5)))
                .append(" faster · p99 ")
                .append(Format.times(r.speedUp(0.99)))
                .append(" faster</p>\n");

        caches(h, r);
        queries(h, r);
        latency(h, r);
        pages(h, r);
        tags(h, r);
        h.append("<h2>Hit ratio over time</h2>\n").append(hitRatioChart(r));
        restart(h, r.restart());
        sizeAdvice(h, r);
        h.append("<h2>Latency distribution</h2>\n<p>Latency of all requests at each percentile; both axes are"
                        + " logarithmic.</p>\n")
                .append(latencyChart(r));
        h.append("<h2>Database check</h2>\n");
        check(h, "With Larder, after <code>Larder.shutdown()</code>", r.cachedCheck());
        check(h, "Without Larder", r.plainCheck());
        return h.append("</body></html>\n").toString();
    }

    private static void caches(StringBuilder h, SampleReport r) {
        h.append("<h2>Caches</h2>\n<table><tr><th>cache</th><th>hits</th><th>misses</th><th>hit ratio</th>")
                .append("<th>loads</th><th>refreshes</th><th>avg load</th><th>size</th></tr>\n");
        for (CacheStats s : r.caches().values()) {
            h.append("<tr><td>")
                    .append(s.cache())
                    .append("</td><td>")
                    .append(Format.count(s.hits()))
                    .append("</td><td>")
                    .append(Format.count(s.misses()))
                    .append("</td><td>")
                    .append(Format.percent(s.hitRatio()))
                    .append("</td><td>")
                    .append(Format.count(s.loads()))
                    .append("</td><td>")
                    .append(Format.count(s.refreshes()))
                    .append("</td><td>")
                    .append(Format.nanos(Math.round(s.averageLoadNanos())))
                    .append("</td><td>")
                    .append(Format.count(s.size()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        CacheStats views = r.caches().get("views");
        if (views != null) {
            h.append("<p>Write-behind (views): ")
                    .append(Format.count(views.writeBehindQueued()))
                    .append(" writes queued, ")
                    .append(Format.count(views.writeBehindCoalesced()))
                    .append(" coalesced, ")
                    .append(Format.count(views.writeBehindWritten()))
                    .append(" written in ")
                    .append(Format.count(views.writeBehindBatches()))
                    .append(" JDBC batches.</p>\n");
        }
    }

    private static void queries(StringBuilder h, SampleReport r) {
        QueryCounter.Counts with = r.cachedQueries();
        QueryCounter.Counts without = r.plainQueries();
        h.append("<h2>Database round trips</h2>\n");
        h.append(SvgChart.bars(
                List.of("reads", "single writes", "JDBC batches", "total"),
                List.of(
                        new SvgChart.Series("with Larder", WITH_COLOR, new double[0], new double[] {
                            with.reads(), with.writes(), with.batches(), with.total()
                        }),
                        new SvgChart.Series("without", WITHOUT_COLOR, new double[0], new double[] {
                            without.reads(), without.writes(), without.batches(), without.total()
                        })),
                "round trips"));
    }

    private static void latency(StringBuilder h, SampleReport r) {
        h.append("<h2>Latency</h2>\n<table><tr><th>request</th><th>p50 with</th><th>p50 without</th>")
                .append("<th>p99 with</th><th>p99 without</th><th>p99.9 with</th><th>p99.9 without</th></tr>\n");
        for (Operation op : Operation.values()) {
            row(h, op.label(), r.cached().latency().get(op), r.plain().latency().get(op));
        }
        row(h, "all requests", r.cached().all(), r.plain().all());
        h.append("</table>\n");
        writes(h, r);
        h.append("<p>Throughput: ")
                .append(Format.count(Math.round(r.cached().throughput())))
                .append(" requests/s with Larder, ")
                .append(Format.count(Math.round(r.plain().throughput())))
                .append(" without.</p>\n");
    }

    /**
     * Where the writes' time goes. A write runs its database statements in both runs; with Larder it also stores the
     * result or drops keys, a few microseconds, so the two runs' medians differ mostly by what the database and the
     * scheduler did, which this table shows apart.
     */
    private static void writes(StringBuilder h, SampleReport r) {
        h.append("<p>Where a write's time goes (medians): a write runs the same database statements with and without")
                .append(" Larder; with Larder it also stores the new book (<code>@WriteThrough</code>) or drops")
                .append(" cached keys (<code>@Invalidate</code>). The time outside the database is Larder's part")
                .append(" plus the workload's per-book lock and waiting for a core. A difference in the total that")
                .append(" the database column shares is the database's and the scheduler's from run to run, not")
                .append(" Larder's; with few requests (delist) the medians move by tens of percent between runs.</p>\n")
                .append("<table><tr><th>request</th><th>requests</th><th>total with</th><th>total without</th>")
                .append("<th>in database with</th><th>in database without</th><th>outside with</th>")
                .append("<th>outside without</th></tr>\n");
        for (Operation op : List.of(Operation.UPDATE_PRICE, Operation.DELIST)) {
            h.append("<tr><td>")
                    .append(op.label())
                    .append("</td><td>")
                    .append(Format.count(r.cached().issued().get(op)));
            for (Map<Operation, LatencyHistogram> histograms : List.of(
                    r.cached().latency(),
                    r.plain().latency(),
                    r.cached().database(),
                    r.plain().database(),
                    r.cached().outsideDatabase(),
                    r.plain().outsideDatabase())) {
                h.append("</td><td>").append(Format.nanos(histograms.get(op).percentile(0.5)));
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String label, LatencyHistogram with, LatencyHistogram without) {
        h.append("<tr><td>").append(label).append("</td>");
        for (double p : new double[] {0.5, 0.99, 0.999}) {
            h.append("<td>")
                    .append(Format.nanos(with.percentile(p)))
                    .append("</td><td>")
                    .append(Format.nanos(without.percentile(p)))
                    .append("</td>");
        }
        h.append("</tr>\n");
    }

    /** The pages of books: a bulk lookup ({@code @CachedAll}) beside one query for the whole page. */
    private static void pages(StringBuilder h, SampleReport r) {
        h.append("<h2>Pages of books</h2>\n<p>A page of a listing shows ")
                .append(Workload.PAGE_MIN)
                .append(" to ")
                .append(Workload.PAGE_MAX)
                .append(" books drawn by popularity. With Larder, <code>findBooks</code> is a bulk lookup")
                .append(" (<code>@CachedAll(cache = \"books\")</code>): each book comes from the same entry")
                .append(" <code>findBook</code> reads, and only the books not cached reach the database, in one query;")
                .append(" without, each page is one query for all its books.</p>\n")
                .append("<table><tr><th></th><th>with Larder</th><th>without</th></tr>\n");
        long pages = r.cached().issued().get(Operation.BOOK_PAGE);
        pageRow(h, "pages", Format.count(pages), Format.count(r.plain().issued().get(Operation.BOOK_PAGE)));
        pageRow(
                h,
                "books asked for",
                Format.count(r.cached().pageBooks()),
                Format.count(r.plain().pageBooks()));
        pageRow(
                h,
                "pages that queried the database",
                Format.count(r.cached().queried().get(Operation.BOOK_PAGE)),
                Format.count(r.plain().queried().get(Operation.BOOK_PAGE)));
        pageRow(
                h,
                "books read from the database",
                Format.count(r.cachedQueries().bulkKeys()),
                Format.count(r.plainQueries().bulkKeys()));
        for (double p : new double[] {0.5, 0.99}) {
            pageRow(
                    h,
                    (p == 0.5 ? "median" : "p99") + " latency of a page",
                    Format.nanos(r.cached().latency().get(Operation.BOOK_PAGE).percentile(p)),
                    Format.nanos(r.plain().latency().get(Operation.BOOK_PAGE).percentile(p)));
        }
        h.append("</table>\n");
    }

    private static void pageRow(StringBuilder h, String label, String with, String without) {
        h.append("<tr><td>")
                .append(label)
                .append("</td><td>")
                .append(with)
                .append("</td><td>")
                .append(without)
                .append("</td></tr>\n");
    }

    /** The author tags: moves of books between authors, each read back at once. */
    private static void tags(StringBuilder h, SampleReport r) {
        Ledger.Verification v = r.cachedCheck();
        h.append("<h2>Author tags</h2>\n<p>An author's page (<code>authorBooks</code>) and search pages")
                .append(" (<code>authorSearch</code>) are tagged <code>author:{id}</code>. Moving a book to another")
                .append(" author (<code>@Invalidate(tags = {\"author:{fromAuthorId}\", \"author:{toAuthorId}\"})")
                .append("</code>) drops every page of both authors in both caches, without knowing their keys. ")
                .append(Format.count(v.moves()))
                .append(" books moved; right after each move returned, both authors' pages were read back: ")
                .append(
                        v.staleReads() == 0
                                ? "<span class=\"ok\">none was stale</span>"
                                : "<span class=\"bad\">" + v.staleReads() + " were stale</span>")
                .append(".</p>\n");
    }

    /** The first seconds after a cold and after a warm restart: hit ratio per interval, and a table of spans. */
    private static void restart(StringBuilder h, SampleReport.Restart restart) {
        h.append("<h2>Hit ratio after a restart</h2>\n<p>After the run, the application is restarted twice over the")
                .append(" same database (a clean <code>Larder.shutdown()</code>, then a new start with empty")
                .append(" caches) and receives ")
                .append(Format.count(restart.perSecond()))
                .append(" book lookups a second. The cold start begins empty; the warm start")
                .append(" (<code>larder.cache.books.warm=")
                .append(restart.warmKeys())
                .append("</code>) reloads the hottest books recorded at shutdown in the background, ")
                .append(Format.count(restart.warmRate()))
                .append(" a second (")
                .append(Format.count(restart.warmed()))
                .append(" of ")
                .append(Format.count(restart.toWarm()))
                .append(" reloaded). Hit ratio: the share of lookups answered without a database query.</p>\n");
        h.append(restartChart(restart));
        h.append("<table><tr><th>hit ratio in the first</th>");
        for (long millis : SampleReport.Restart.FIRSTS) {
            h.append("<th>").append(seconds(millis)).append("</th>");
        }
        h.append("</tr>\n");
        for (boolean warm : new boolean[] {false, true}) {
            FirstSeconds.Result result = warm ? restart.warm() : restart.cold();
            h.append("<tr><td>").append(warm ? "warm start" : "cold start").append("</td>");
            for (long millis : SampleReport.Restart.FIRSTS) {
                h.append("<td>")
                        .append(Format.percent(result.hitRatioOfFirst(millis)))
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static String seconds(long millis) {
        return trim(String.format(Locale.ROOT, "%.2f", millis / 1000.0)) + " s";
    }

    static String restartChart(SampleReport.Restart restart) {
        List<SvgChart.Series> series = new ArrayList<>();
        for (boolean warm : new boolean[] {false, true}) {
            FirstSeconds.Result result = warm ? restart.warm() : restart.cold();
            int n = result.requests().length;
            double[] xs = new double[n];
            double[] ys = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = (i + 1) * result.intervalMillis() / 1000.0;
                ys[i] = 100 * result.hitRatio(i);
            }
            series.add(new SvgChart.Series(
                    (warm ? "warm start" : "cold start") + ", each " + result.intervalMillis() + " ms",
                    warm ? WITH_COLOR : WITHOUT_COLOR,
                    xs,
                    ys));
        }
        double end = restart.cold().millis() / 1000.0;
        List<SvgChart.Tick> xTicks = new ArrayList<>();
        for (int i = 0; i <= 6; i++) {
            xTicks.add(new SvgChart.Tick(end * i / 6, trim(String.format(Locale.ROOT, "%.2f", end * i / 6)) + " s"));
        }
        List<SvgChart.Tick> yTicks = new ArrayList<>();
        for (int p = 0; p <= 100; p += 20) {
            yTicks.add(new SvgChart.Tick(p, p + " %"));
        }
        return SvgChart.lines(
                "time since the start (end of each interval)",
                "hit ratio",
                series,
                new double[] {0, end},
                new double[] {0, 100},
                xTicks,
                yTicks);
    }

    /** Hit ratio of each sampling interval, and overall so far, against time. */
    static String hitRatioChart(SampleReport r) {
        List<Timeline.Sample> samples = r.cached().timeline();
        List<Double> xs = new ArrayList<>();
        List<Double> interval = new ArrayList<>();
        List<Double> overall = new ArrayList<>();
        Timeline.Sample previous = new Timeline.Sample(0, 0, 0, 0);
        for (Timeline.Sample s : samples) {
            long reads = s.reads() - previous.reads();
            if (reads > 0) {
                xs.add(s.millis() / 1000.0);
                interval.add(100.0 * (s.hits() - previous.hits()) / reads);
                overall.add(100.0 * s.hits() / s.reads());
            }
            previous = s;
        }
        double end = xs.isEmpty() ? 1 : Math.max(0.1, xs.get(xs.size() - 1));
        List<SvgChart.Tick> xTicks = new ArrayList<>();
        for (int i = 0; i <= 5; i++) {
            xTicks.add(new SvgChart.Tick(end * i / 5, String.format(Locale.ROOT, "%.1f s", end * i / 5)));
        }
        List<SvgChart.Tick> yTicks = new ArrayList<>();
        for (int p = 0; p <= 100; p += 20) {
            yTicks.add(new SvgChart.Tick(p, p + " %"));
        }
        return SvgChart.lines(
                "time since the start of the run",
                "hit ratio",
                List.of(
                        new SvgChart.Series("each 100 ms", "#7fb3d5", array(xs), array(interval)),
                        new SvgChart.Series("since start", WITH_COLOR, array(xs), array(overall))),
                new double[] {0, end},
                new double[] {0, 100},
                xTicks,
                yTicks);
    }

    /**
     * The size advisor's estimates: each cache's hit ratio had it held ¼ to 8 × its entries, against the ratio it had.
     * Nothing when no cache has a curve (the advisor switched off).
     */
    private static void sizeAdvice(StringBuilder h, SampleReport r) {
        List<CacheStats> advised = new ArrayList<>();
        for (CacheStats s : r.caches().values()) {
            if (!s.sizeCurve().isEmpty()) {
                advised.add(s);
            }
        }
        if (advised.isEmpty()) {
            return;
        }
        h.append("<h2>How big should each cache be</h2>\n<p>The size advisor's estimate of each cache's hit ratio at")
                .append(" ¼ to 8 × its maximum size (1 ×), from a sample of its lookups replayed through Caffeine's")
                .append(" eviction at scale, with the invalidations (<code>delist</code>). Expiry and the values")
                .append(" write-through and write-behind store are not replayed, so the estimate at 1 × can differ")
                .append(" from the hit ratio measured.</p>\n");
        // Caches of different maximum sizes share the columns: name them by multiple, each cell's size beneath.
        h.append("<table><tr><th>cache</th><th>measured</th>");
        for (String multiple : SIZE_MULTIPLES) {
            h.append("<th>").append(multiple).append("</th>");
        }
        h.append("</tr>\n");
        List<SvgChart.Series> series = new ArrayList<>();
        for (int c = 0; c < advised.size(); c++) {
            CacheStats s = advised.get(c);
            h.append("<tr><td>").append(s.cache()).append("</td><td>").append(Format.percent(s.hitRatio()));
            List<SizeEstimate> curve = s.sizeCurve();
            double[] xs = new double[curve.size()];
            double[] ys = new double[curve.size()];
            for (int i = 0; i < curve.size(); i++) {
                h.append("</td><td>")
                        .append(Format.percent(curve.get(i).hitRatio()))
                        .append("<br><small>")
                        .append(Format.count(curve.get(i).maxSize()))
                        .append("</small>");
                xs[i] = i;
                ys[i] = 100 * curve.get(i).hitRatio();
            }
            h.append("</td></tr>\n");
            series.add(new SvgChart.Series(s.cache(), CURVE_COLORS[c % CURVE_COLORS.length], xs, ys));
        }
        h.append("</table>\n");
        List<SvgChart.Tick> xTicks = new ArrayList<>();
        for (int i = 0; i < SIZE_MULTIPLES.size(); i++) {
            xTicks.add(new SvgChart.Tick(i, SIZE_MULTIPLES.get(i)));
        }
        List<SvgChart.Tick> yTicks = new ArrayList<>();
        for (int p = 0; p <= 100; p += 20) {
            yTicks.add(new SvgChart.Tick(p, p + " %"));
        }
        h.append(SvgChart.lines(
                "maximum size, as a multiple of the configured one",
                "estimated hit ratio",
                series,
                new double[] {0, SIZE_MULTIPLES.size() - 1},
                new double[] {0, 100},
                xTicks,
                yTicks));
    }

    /** Latency against percentile, both on log scales: the tail is where caches and databases differ most. */
    static String latencyChart(SampleReport r) {
        double top = Math.log10(
                Math.max(10, Math.max(r.cached().all().max(), r.plain().all().max())));
        double bottom = Math.log10(Math.max(
                1, Math.min(r.cached().all().percentile(0), r.plain().all().percentile(0))));
        double[] xs = new double[SPECTRUM.length];
        for (int i = 0; i < SPECTRUM.length; i++) {
            xs[i] = Math.log10(1 / (1 - SPECTRUM[i]));
        }
        List<SvgChart.Tick> xTicks = new ArrayList<>();
        for (double p : new double[] {0, 0.9, 0.99, 0.999, 0.9999}) {
            xTicks.add(new SvgChart.Tick(
                    Math.log10(1 / (1 - p)), p == 0 ? "p0" : "p" + trim(String.format(Locale.ROOT, "%.2f", 100 * p))));
        }
        List<SvgChart.Tick> yTicks = new ArrayList<>();
        for (long v = 1; v <= 10_000_000_000L; v *= 10) {
            double lv = Math.log10(v);
            if (lv >= Math.floor(bottom) && lv <= Math.ceil(top)) {
                yTicks.add(new SvgChart.Tick(lv, Format.nanos(v)));
            }
        }
        return SvgChart.lines(
                "percentile",
                "latency",
                List.of(
                        new SvgChart.Series(
                                "with Larder",
                                WITH_COLOR,
                                xs,
                                spectrum(r.cached().all())),
                        new SvgChart.Series(
                                "without", WITHOUT_COLOR, xs, spectrum(r.plain().all()))),
                new double[] {0, xs[xs.length - 1]},
                new double[] {Math.floor(bottom), Math.ceil(top)},
                xTicks,
                yTicks);
    }

    private static double[] spectrum(LatencyHistogram histogram) {
        double[] ys = new double[SPECTRUM.length];
        for (int i = 0; i < SPECTRUM.length; i++) {
            ys[i] = Math.log10(Math.max(1, histogram.percentile(SPECTRUM[i])));
        }
        return ys;
    }

    private static String trim(String number) {
        return number.contains(".") ? number.replaceAll("0+$", "").replaceAll("\\.$", "") : number;
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void check(StringBuilder h, String label, Ledger.Verification v) {
        h.append("<p>").append(label).append(": ");
        if (v.ok()) {
            h.append("<span class=\"ok\">OK</span>, all ")
                    .append(Format.count(v.books()))
                    .append(" books hold their last price and view count (")
                    .append(Format.count(v.recordedViews()))
                    .append(" views recorded, ")
                    .append(Format.count(v.storedViews()))
                    .append(" stored).</p>\n");
        } else {
            h.append("<span class=\"bad\">FAILED</span>, ")
                    .append(v.mismatches().size())
                    .append(" differences, first: ")
                    .append(SvgChart.escape(v.mismatches().get(0)))
                    .append("</p>\n");
        }
    }
}
