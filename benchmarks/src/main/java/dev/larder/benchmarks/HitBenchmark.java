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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A cache hit, 1,024 hot keys, for each key shape and each {@link Library}: one contender per fork, so every call site
 * sees one implementation. {@link Report} sets {@code library} to every timed contender; the list below is for running
 * this class on its own.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class HitBenchmark {
    static final int KEYS = 1024;

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

    final int[] ids = new int[KEYS];
    final String[] tenants = new String[KEYS];
    final User[] users = new User[KEYS];
    Subject subject;
    Lookup lookup;

    /** Where each benchmark thread is in the key sequence. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            return next++ & (KEYS - 1);
        }
    }

    @Setup
    public void setUp() {
        subject = Library.valueOf(library).open(Source.TRIVIAL);
        lookup = subject.lookup();
        for (int i = 0; i < KEYS; i++) {
            ids[i] = i * 7919;
            tenants[i] = "tenant-" + (i % 16);
            users[i] = new User(ids[i], "user-" + i);
            lookup.byId(ids[i]);
            lookup.byIdAndTenant(ids[i], tenants[i]);
            lookup.byUser(users[i]);
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        subject.close();
    }

    @Benchmark
    public String byId(Cursor cursor) {
        return lookup.byId(ids[cursor.advance()]);
    }

    @Benchmark
    public String byIdAndTenant(Cursor cursor) {
        int i = cursor.advance();
        return lookup.byIdAndTenant(ids[i], tenants[i]);
    }

    @Benchmark
    public String byUser(Cursor cursor) {
        return lookup.byUser(users[cursor.advance()]);
    }

    @Benchmark
    @Threads(2)
    public String byId2Threads(Cursor cursor) {
        return byId(cursor);
    }

    @Benchmark
    @Threads(2)
    public String byIdAndTenant2Threads(Cursor cursor) {
        return byIdAndTenant(cursor);
    }

    @Benchmark
    @Threads(2)
    public String byUser2Threads(Cursor cursor) {
        return byUser(cursor);
    }
}
