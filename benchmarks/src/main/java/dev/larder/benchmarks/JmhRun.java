package dev.larder.benchmarks;

import dev.larder.benchmarks.Library.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the hit and miss benchmarks for every timed {@link Library} through JMH's Runner API. */
final class JmhRun {
    /**
     * How long JMH runs: the quick run is for a look on a laptop, the full one for published figures. The full run warms
     * up for 8 s: on 2 cores the benchmark's threads leave the JIT compiler little time, and a fork was seen still
     * reaching its steady state 5 to 7 s in.
     *
     * @param closeForks the forks of the hit rows of hand-written Caffeine and of Larder, which lie a few nanoseconds
     *     apart: a fork of either settles in one of two steady states some 5 ns apart, seen in both, so two forks can
     *     both land in one state and move a ratio by a third; more forks average over both
     */
    record Settings(
            int forks, int closeForks, int warmups, TimeValue warmupTime, int measurements, TimeValue measurementTime) {
        static final Settings QUICK =
                new Settings(1, 1, 2, TimeValue.milliseconds(500), 3, TimeValue.milliseconds(500));
        static final Settings FULL = new Settings(2, 4, 8, TimeValue.seconds(1), 5, TimeValue.seconds(1));

        String describe() {
            String forkCount = forks == closeForks
                    ? forks + " fork(s)"
                    : forks + " forks (" + closeForks + " for the hit rows of hand-written Caffeine and of Larder)";
            return String.format(
                    "JMH %s, warm-up %d × %s, measurement %d × %s",
                    forkCount, warmups, warmupTime, measurements, measurementTime);
        }
    }

    private JmhRun() {}

    static List<Score> run(Settings settings) throws RunnerException {
        String hit = HitBenchmark.class.getName() + "\\.";
        List<Score> scores = new ArrayList<>();
        run(settings, settings.closeForks(), hit, Library.timedNames(EnumSet.of(Kind.BASELINE, Kind.LARDER)), scores);
        run(settings, settings.forks(), hit, Library.timedNames(EnumSet.of(Kind.PEER)), scores);
        run(settings, settings.forks(), MissBenchmark.class.getName() + "\\.", Library.timedNames(), scores);
        return scores;
    }

    private static void run(Settings settings, int forks, String benchmark, String[] libraries, List<Score> scores)
            throws RunnerException {
        Options options = new OptionsBuilder()
                .include(benchmark)
                .param("library", libraries)
                .forks(forks)
                .warmupIterations(settings.warmups())
                .warmupTime(settings.warmupTime())
                .measurementIterations(settings.measurements())
                .measurementTime(settings.measurementTime())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        for (RunResult result : results) {
            scores.add(score(result.getParams(), result.getPrimaryResult()));
        }
    }

    private static Score score(BenchmarkParams params, Result<?> result) {
        String benchmark = params.getBenchmark(); // dev.larder.benchmarks.HitBenchmark.byId2Threads
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        Score.Group group;
        if (benchmark.startsWith(MissBenchmark.class.getName() + ".")) {
            group = Score.Group.MISS;
        } else {
            group = params.getThreads() > 1 ? Score.Group.HIT_2_THREADS : Score.Group.HIT;
        }
        return new Score(
                group,
                Score.Shape.ofMethod(method),
                Library.valueOf(params.getParam("library")),
                result.getScore(),
                result.getScoreError());
    }
}
