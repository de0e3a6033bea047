package dev.larder.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs a benchmark class that compares two set-ups inside itself (Redis against plain Jedis, agent-woven code against
 * hand-written Caffeine) and returns each method's score by name, for {@link MarkdownReport} to divide.
 */
final class SideRuns {
    /** One method's score in the benchmark's own unit (ns/op or ops/ms), with its error. */
    record Figure(double score, double error, String unit) {}

    private SideRuns() {}

    /** @param forks how many forks, which {@code settings} has two of */
    static Map<String, Figure> run(Class<?> benchmark, JmhRun.Settings settings, int forks) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                        .include(benchmark.getName() + "\\.")
                        .forks(forks)
                        .warmupIterations(settings.warmups())
                        .warmupTime(settings.warmupTime())
                        .measurementIterations(settings.measurements())
                        .measurementTime(settings.measurementTime())
                        .build())
                .run();
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            figures.put(
                    name.substring(name.lastIndexOf('.') + 1),
                    new Figure(
                            result.getPrimaryResult().getScore(),
                            result.getPrimaryResult().getScoreError(),
                            result.getPrimaryResult().getScoreUnit()));
        }
        return figures;
    }
}
