package dev.larder.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
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
     * up for 10 s: on 2 cores the benchmark's threads leave the JIT compiler little time, and a fork was seen still
     * reaching its steady state 5 to 7 s in.
     */
    record Settings(int forks, int warmups, TimeValue warmupTime, int measurements, TimeValue measurementTime) {
        static final Settings QUICK = new Settings(1, 2, TimeValue.milliseconds(500), 3, TimeValue.milliseconds(500));
        static final Settings FULL = new Settings(2, 10, TimeValue.seconds(1), 5, TimeValue.seconds(1));

        String describe() {
            return String.format(
                    "JMH %d fork(s), warm-up %d × %s, measurement %d × %s",
                    forks, warmups, warmupTime, measurements, measurementTime);
        }
    }

    private JmhRun() {}

    static List<Score> run(Settings settings) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(HitBenchmark.class.getName() + "\\.")
                .include(MissBenchmark.class.getName() + "\\.")
                .param("library", Library.timedNames())
                .forks(settings.forks())
                .warmupIterations(settings.warmups())
                .warmupTime(settings.warmupTime())
                .measurementIterations(settings.measurements())
                .measurementTime(settings.measurementTime())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<Score> scores = new ArrayList<>();
        for (RunResult result : results) {
            scores.add(score(result.getParams(), result.getPrimaryResult()));
        }
        return scores;
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
