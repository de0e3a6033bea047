package dev.larder.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A miss and load: a fresh key on every call and the trivial {@link Source}, so what is measured is the library's own
 * miss path (lookup, load bookkeeping, store, and the eviction that keeps each cache at 10,000 entries).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class MissBenchmark {
    @Param({
        "CAFFEINE",
        "CAFFEINE_EXPIRING",
        "LARDER_COMPILE_TIME",
        "LARDER_BUILD_TIME",
        "LARDER_ENTRY_POINT",
        "SPRING",
        "JETCACHE"
    })
    public String library;

    Subject subject;
    Lookup lookup;

    /** The next never-used key of this thread. */
    @State(Scope.Thread)
    public static class Fresh {
        int next;
    }

    @Setup
    public void setUp() {
        subject = Library.valueOf(library).open(Source.TRIVIAL);
        lookup = subject.lookup();
    }

    @TearDown
    public void tearDown() throws Exception {
        subject.close();
    }

    @Benchmark
    public String byId(Fresh fresh) {
        return lookup.byId(fresh.next++);
    }

    @Benchmark
    public String byIdAndTenant(Fresh fresh) {
        int id = fresh.next++;
        return lookup.byIdAndTenant(id, "tenant");
    }

    @Benchmark
    public String byUser(Fresh fresh) {
        return lookup.byUser(new User(fresh.next++, "user"));
    }
}
