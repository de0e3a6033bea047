package dev.larder.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks in one JVM session and writes {@code benchmarks/results/latest.md}: each Larder figure beside
 * its baseline from the same run, as a ratio. Arguments: {@code [--quick] [--out path]}.
 */
public final class Report {
    /** Each measured benchmark and the baseline it is divided by. */
    private static final Map<String, String> RATIOS = new LinkedHashMap<>();

    static {
        RATIOS.put("larder", "caffeineOnly");
        RATIOS.put("larder2Threads", "caffeineOnly2Threads");
        RATIOS.put("generated", "caffeineOnly");
        RATIOS.put("generated2Threads", "caffeineOnly2Threads");
        RATIOS.put("caffeineExpiring", "caffeineOnly");
        RATIOS.put("caffeineExpiring2Threads", "caffeineOnly2Threads");
    }

    private Report() {}

    public static void main(String[] args) throws RunnerException, IOException {
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
        Options options = new OptionsBuilder()
                .include(HitBenchmark.class.getName() + ".*")
                .forks(1)
                .warmupIterations(quick ? 2 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 3 : 5)
                .measurementTime(TimeValue.seconds(1))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark();
            String name = label.substring(label.lastIndexOf('.') + 1);
            scores.put(name, new double[] {
                result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()
            });
        }
        String markdown = markdown(scores);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, markdown);
        System.out.println(markdown);
        System.out.println("Written to " + out.toAbsolutePath());
    }

    private static String markdown(Map<String, double[]> scores) {
        StringBuilder md = new StringBuilder();
        md.append("# Hit path: Larder beside hand-written Caffeine\n\n");
        md.append(String.format(
                Locale.ROOT,
                "%s · JDK %s (%s) · %d cores · one JMH run, average time per call\n\n",
                LocalDate.now(),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors()));
        md.append("| benchmark | ns/call | ± | baseline | ratio |\n|---|---:|---:|---|---:|\n");
        for (Map.Entry<String, double[]> entry : scores.entrySet()) {
            String baseline = RATIOS.get(entry.getKey());
            double[] base = baseline == null ? null : scores.get(baseline);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %.1f | %s | %s |\n",
                    entry.getKey(),
                    entry.getValue()[0],
                    entry.getValue()[1],
                    baseline == null ? "" : baseline,
                    base == null ? "" : String.format(Locale.ROOT, "%.2f", entry.getValue()[0] / base[0])));
        }
        md.append("\nTarget: a Larder hit with a TTL within 1.25 × hand-written Caffeine without expiry.\n");
        return md.toString();
    }
}
