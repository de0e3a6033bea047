package dev.larder.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Runs everything in one go and writes {@code benchmarks/results/latest.md} and {@code hit-path.svg} beside it: the
 * JMH hit and miss benchmarks of every {@link Library} ({@link JmhRun}), the stampede count ({@link Stampede}), the
 * Redis and agent-woven comparisons ({@link SideRuns}), the write-behind writes per second ({@link
 * WriteBehindBenchmark}), the agent's start-up cost ({@link StartupRun}), the memory per entry ({@link MemoryPerEntry}), the tables ({@link MarkdownReport}) and the chart ({@link
 * HitChart}). Arguments: {@code [--quick] [--out path]}.
 */
public final class Report {
    private static final String CHART = "hit-path.svg";

    private Report() {}

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path out = Path.of("benchmarks", "results", "latest.md");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                quick = true;
            } else if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else {
                throw new IllegalArgumentException(
                        "Unknown argument '" + args[i] + "'; allowed: --quick, --out <path>");
            }
        }
        JmhRun.Settings settings = quick ? JmhRun.Settings.QUICK : JmhRun.Settings.FULL;
        List<Score> scores = JmhRun.run(settings);
        List<Stampede.Count> stampede = Stampede.countAll(quick ? 20 : 50);
        Map<String, SideRuns.Figure> redis = SideRuns.run(RedisBenchmark.class, settings, settings.forks());
        Map<String, SideRuns.Figure> woven = SideRuns.run(WovenHitBenchmark.class, settings, settings.closeForks());
        Map<String, SideRuns.Figure> writeBehind = WriteBehindBenchmark.run(settings);
        StartupRun.Result startup = StartupRun.run(400, quick ? 5 : 11, quick ? 5 : 21);
        List<MemoryPerEntry.Figure> memory = MemoryPerEntry.run();
        String header = LocalDate.now() + " · JDK " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vm.name") + ") · "
                + Runtime.getRuntime().availableProcessors()
                + " cores · " + (quick ? "quick run: " : "full run: ") + settings.describe()
                + " · average time per call; every figure from this one run.";
        String markdown = MarkdownReport.render(header, CHART, scores, stampede, redis, woven, startup) + "\n"
                + WriteBehindBenchmark.markdown(writeBehind)
                + MemoryPerEntry.markdown(memory) + "\n"
                + HistoryRun.section(quick ? 10 : 30);
        Path directory = out.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Files.writeString(out, markdown);
        Files.writeString(directory.resolve(CHART), HitChart.svg(scores));
        System.out.println(markdown);
        System.out.println("Written to " + out.toAbsolutePath() + " and " + directory.resolve(CHART));
    }
}
