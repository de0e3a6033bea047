package dev.larder.benchmarks;

import dev.larder.benchmarks.Score.Group;
import dev.larder.benchmarks.Score.Shape;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoublePredicate;
import java.util.function.ToDoubleFunction;

/** Writes {@code latest.md}: the targets, one table per benchmark group, the speed-ups and the stampede counts. */
final class MarkdownReport {
    private final List<Score> scores;
    private final List<Stampede.Count> stampede;
    private final Map<String, SideRuns.Figure> redis;
    private final Map<String, SideRuns.Figure> woven;
    private final StartupRun.Result startup;
    private final StringBuilder md = new StringBuilder();

    private MarkdownReport(
            List<Score> scores,
            List<Stampede.Count> stampede,
            Map<String, SideRuns.Figure> redis,
            Map<String, SideRuns.Figure> woven,
            StartupRun.Result startup) {
        this.scores = scores;
        this.stampede = stampede;
        this.redis = redis;
        this.woven = woven;
        this.startup = startup;
    }

    /** @param header the run's date, JDK, cores and JMH settings, one line */
    static String render(
            String header,
            String chart,
            List<Score> scores,
            List<Stampede.Count> stampede,
            Map<String, SideRuns.Figure> redis,
            Map<String, SideRuns.Figure> woven,
            StartupRun.Result startup) {
        MarkdownReport report = new MarkdownReport(scores, stampede, redis, woven, startup);
        report.line("# Larder beside the libraries users would pick instead");
        report.line("");
        report.line(header);
        report.line("");
        report.targets();
        report.line("![ns per hit, 1 thread](" + chart + ")");
        report.line("");
        for (Group group : Group.values()) {
            report.group(group);
        }
        report.speedUps();
        report.stampede();
        report.woven();
        report.startup();
        report.redis();
        return report.md.toString();
    }

    private void targets() {
        line("## Targets");
        line("");
        line("| target | measured (1 thread: " + shapeLabels() + ") | met |");
        line("|---|---|---|");
        target(
                "Larder hit ≤ 1.25 × hand-written Caffeine",
                ratios(s -> baselineRatio(Group.HIT, s)),
                "×",
                r -> r <= 1.25);
        target(
                "Larder hit ≥ 10 × faster than Spring `@Cacheable`",
                ratios(s -> speedUp(Library.SPRING, s)),
                "×",
                r -> r >= 10);
        target(
                "Larder hit ≥ 10 × faster than JetCache `@Cached`",
                ratios(s -> speedUp(Library.JETCACHE, s)),
                "×",
                r -> r >= 10);
        Optional<Stampede.Count> larder =
                stampede.stream().filter(c -> c.library() == Library.LARDER).findFirst();
        line("| exactly 1 load when " + Stampede.THREADS + " threads miss one cold key | "
                + larder.map(c -> "max " + c.max() + " in " + c.rounds() + " rounds")
                        .orElse("not run") + " | "
                + larder.map(c -> c.max() == 1 ? "yes" : "**no**").orElse("") + " |");
        line("");
        line("Larder here is " + Library.LARDER.label()
                + ". Ratios are of average time per call; a speed-up is the peer's" + " time divided by Larder's.");
        line("");
    }

    private void target(String what, double[] values, String unit, DoublePredicate check) {
        StringBuilder measured = new StringBuilder();
        boolean met = true;
        for (double value : values) {
            measured.append(measured.length() == 0 ? "" : " / ")
                    .append(fixed(value))
                    .append(' ')
                    .append(unit);
            met &= !Double.isNaN(value) && check.test(value);
        }
        line("| " + what + " | " + measured + " | " + (met ? "yes" : "**no**") + " |");
    }

    private double[] ratios(ToDoubleFunction<Shape> ratio) {
        double[] values = new double[Shape.values().length];
        for (Shape shape : Shape.values()) {
            values[shape.ordinal()] = ratio.applyAsDouble(shape);
        }
        return values;
    }

    private void group(Group group) {
        if (scores.stream().noneMatch(s -> s.group() == group)) {
            return;
        }
        line("## " + group.title());
        line("");
        line("| key shape | library | ns/op | ± | × Caffeine |");
        line("|---|---|---:|---:|---:|");
        for (Shape shape : Shape.values()) {
            for (Library library : Library.values()) {
                Score.find(scores, group, shape, library)
                        .ifPresent(s -> line("| " + shape.label() + " | " + library.label() + " | " + fixed(s.nanos())
                                + " | " + fixed(s.error()) + " | " + fixed(baselineRatio(group, shape, library))
                                + " |"));
            }
        }
        line("");
    }

    private void speedUps() {
        line("## Larder's speed-up over Spring and JetCache");
        line("");
        line("| benchmark | key shape | Spring ÷ Larder | JetCache ÷ Larder |");
        line("|---|---|---:|---:|");
        for (Group group : Group.values()) {
            for (Shape shape : Shape.values()) {
                double spring = ratio(group, shape, Library.SPRING, Library.LARDER);
                double jetCache = ratio(group, shape, Library.JETCACHE, Library.LARDER);
                if (!Double.isNaN(spring) || !Double.isNaN(jetCache)) {
                    line("| " + group.title() + " | " + shape.label() + " | " + fixed(spring) + " × | "
                            + fixed(jetCache) + " × |");
                }
            }
        }
        line("");
    }

    private void stampede() {
        line("## Stampede: loader runs when " + Stampede.THREADS + " threads miss one cold key at once");
        line("");
        line("Each round starts " + Stampede.THREADS + " threads on a barrier; all call `byId` with one new key whose"
                + " load takes " + Stampede.LOAD_MILLIS + " ms. Not a timing: the number of times the loader ran.");
        line("");
        line("| library | rounds | max loads | mean loads |");
        line("|---|---:|---:|---:|");
        for (Stampede.Count count : stampede) {
            line("| " + count.library().label() + " | " + count.rounds() + " | " + count.max() + " | "
                    + fixed(count.mean()) + " |");
        }
        line("");
    }

    private void woven() {
        line("## Load-time mode: a hit through agent-woven methods");
        line("");
        line("The class of the compile-time and build-time rows, woven as it loads by the agent attached in the"
                + " benchmark's own JVM, beside hand-written Caffeine in JVMs with the agent attached too; each fork"
                + " holds one of them, as in the tables above; 1,024 hot keys.");
        line("");
        sideTable(woven);
        line("| key | woven / Caffeine, 1 thread | 2 threads |");
        line("|---|---:|---:|");
        String[][] shapes = {{"ById", "one `int`"}, {"ByIdAndTenant", "`(int, String)`"}, {"ByUser", "`{user.id}`"}};
        for (String[] shape : shapes) {
            line("| " + shape[1] + " | " + fixed(quotient(woven, "woven" + shape[0] + "1", "caffeine" + shape[0] + "1"))
                    + " × | " + fixed(quotient(woven, "woven" + shape[0] + "2", "caffeine" + shape[0] + "2"))
                    + " × |");
        }
        line("");
        line("Target: at most 1.25 ×.");
        line("");
    }

    private void startup() {
        line("## Load-time mode: start-up cost");
        line("");
        line("An application of " + startup.classes() + " generated classes, one in ten with a `@Cached` method,"
                + " started with and without `-javaagent:larder-agent.jar` (median wall-clock time to exit); with the"
                + " agent and its `cache=` folder filled by an earlier start, so that nothing is woven again; and with"
                + " those methods cached by hand in a Caffeine cache of their own, no agent: the cost any in-process"
                + " cache adds when it first starts.");
        line("");
        line("| start | time | ÷ without the agent | ÷ hand-written Caffeine |");
        line("|---|---:|---:|---:|");
        startupRow("without the agent", startup.plainMillis());
        startupRow("with the agent", startup.agentMillis());
        startupRow("with the agent and a filled `cache=` folder", startup.cachedMillis());
        startupRow("hand-written Caffeine, no agent", startup.caffeineMillis());
        line("");
        StartupRun.Sample sample = startup.sample();
        line("The bookshop sample, started from its jar and the libraries beside it in `samples/target/lib` as a user"
                + " would start it (about 900 classes load, most of them H2's; a database of 5,000 books seeded at"
                + " start, then " + String.join(" ", StartupRun.SAMPLE_ARGS) + "), run to its end in"
                + " compile-time mode without the agent and in load-time mode with it: the same caching either way, so"
                + " the difference is the agent's.");
        line("");
        line("| sample run | time | ÷ compile-time mode |");
        line("|---|---:|---:|");
        sampleRow("compile-time mode, no agent", sample.compileTimeMillis());
        sampleRow("load-time mode, with the agent", sample.agentMillis());
        sampleRow("load-time mode, with the agent and a filled `cache=` folder", sample.cachedMillis());
        line("");
        line("Target: under 1.10 × without the agent, for a sample application of a few hundred classes.");
        line("");
    }

    private void startupRow(String start, long millis) {
        line("| " + start + " | " + millis + " ms | " + fixed(startup.toPlain(millis)) + " × | "
                + fixed(startup.toCaffeine(millis)) + " × |");
    }

    private void sampleRow(String run, long millis) {
        line("| " + run + " | " + millis + " ms | " + fixed(startup.sample().ratio(millis)) + " × |");
    }

    private void redis() {
        line("## Redis: hits on one real redis-server");
        line("");
        line("Throughput (higher is better). `jedisGet` is hand-written Jedis `GET` plus Jackson decoding of the same"
                + " value, with the same pool size and thread count as Larder. `rawGet` is the server's ceiling on this"
                + " machine, in the manner of `redis-benchmark -t get -P 1` (not available as a Maven artifact): a bare"
                + " RESP `GET` over one socket per thread, nothing decoded.");
        line("");
        sideTable(redis);
        line("Server ceiling (`rawGet`): " + fixed(figure(redis, "rawGet")) + " ops/ms (1 thread), "
                + fixed(figure(redis, "rawGet2Threads")) + " ops/ms (2 threads); Larder `redis` hit / ceiling: "
                + fixed(quotient(redis, "larderRedis", "rawGet")) + " (1 thread), "
                + fixed(quotient(redis, "larderRedis2Threads", "rawGet2Threads")) + " (2 threads).");
        line("Larder `redis` hit / Jedis `GET`: " + fixed(quotient(redis, "larderRedis", "jedisGet"))
                + " (1 thread), " + fixed(quotient(redis, "larderRedis2Threads", "jedisGet2Threads"))
                + " (2 threads); target ≥ 0.9.");
        line("Larder `tiered` hit time / `local` hit time: " + fixed(quotient(redis, "larderLocal", "larderTiered"))
                + "; target ≤ 1.5.");
        line("");
    }

    private void sideTable(Map<String, SideRuns.Figure> figures) {
        line("| benchmark | score | ± | unit |");
        line("|---|---:|---:|---|");
        figures.forEach((name, figure) -> line("| " + name + " | " + fixed(figure.score()) + " | "
                + fixed(figure.error()) + " | " + figure.unit() + " |"));
        line("");
    }

    private static double figure(Map<String, SideRuns.Figure> figures, String name) {
        SideRuns.Figure figure = figures.get(name);
        return figure == null ? Double.NaN : figure.score();
    }

    private static double quotient(Map<String, SideRuns.Figure> figures, String over, String under) {
        SideRuns.Figure a = figures.get(over);
        SideRuns.Figure b = figures.get(under);
        return a == null || b == null ? Double.NaN : a.score() / b.score();
    }

    private double baselineRatio(Group group, Shape shape) {
        return baselineRatio(group, shape, Library.LARDER);
    }

    private double baselineRatio(Group group, Shape shape, Library library) {
        return ratio(group, shape, library, Library.CAFFEINE);
    }

    private double speedUp(Library peer, Shape shape) {
        return ratio(Group.HIT, shape, peer, Library.LARDER);
    }

    private double ratio(Group group, Shape shape, Library over, Library under) {
        Optional<Score> a = Score.find(scores, group, shape, over);
        Optional<Score> b = Score.find(scores, group, shape, under);
        return a.isPresent() && b.isPresent() ? a.get().nanos() / b.get().nanos() : Double.NaN;
    }

    private static String shapeLabels() {
        StringBuilder labels = new StringBuilder();
        for (Shape shape : Shape.values()) {
            labels.append(labels.length() == 0 ? "" : " / ").append(shape.label());
        }
        return labels.toString();
    }

    private static String fixed(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
    }

    private void line(String text) {
        md.append(text).append('\n');
    }
}
