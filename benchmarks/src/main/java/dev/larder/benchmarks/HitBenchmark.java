package dev.larder.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.internal.model.CachedSpec;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A cache hit on a two-argument method with 1,024 hot keys: Larder's entry point (exactly the calls generated code
 * makes, with a 10 minute TTL) and a processor-generated {@code _Cached} method, against hand-written Caffeine {@code
 * cache.get(key, loader)} without expiry (the baseline) and with {@code expireAfterWrite}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class HitBenchmark {
    static final int KEYS = 1024;

    final int[] ids = new int[KEYS];
    final String[] tenants = new String[KEYS];
    Cache<Object, Object> caffeine;
    Cache<Object, Object> caffeineExpiring;
    CachedHandle larder;
    Directory generated;

    /** Where each benchmark thread is in the key sequence. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            return next++ & (KEYS - 1);
        }
    }

    record Pair(int id, String tenant) {}

    @Setup
    public void setUp() {
        for (int i = 0; i < KEYS; i++) {
            ids[i] = i * 7919;
            tenants[i] = "tenant-" + (i % 16);
        }
        caffeine = Caffeine.newBuilder().maximumSize(10_000).build();
        caffeineExpiring = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(Duration.ofMinutes(10))
                .build();
        larder = Handles.cached(CachedSpec.of(
                "dev.larder.benchmarks.HitBenchmark#find(int,String)", "HitBenchmark.find", "{id}:{tenant}", "10m"));
        generated = new Directory_Cached();
        Cursor warm = new Cursor();
        for (int i = 0; i < KEYS; i++) {
            caffeineOnly(warm);
            caffeineExpiring(warm);
            larder(warm);
            generated(warm);
        }
    }

    static String find(int id, String tenant) {
        return tenant + "/" + id;
    }

    @Benchmark
    public Object caffeineOnly(Cursor cursor) {
        int i = cursor.advance();
        return caffeine.get(new Pair(ids[i], tenants[i]), key -> find(((Pair) key).id, ((Pair) key).tenant));
    }

    @Benchmark
    public Object caffeineExpiring(Cursor cursor) {
        int i = cursor.advance();
        return caffeineExpiring.get(new Pair(ids[i], tenants[i]), key -> find(((Pair) key).id, ((Pair) key).tenant));
    }

    @Benchmark
    public Object larder(Cursor cursor) {
        int i = cursor.advance();
        int id = ids[i];
        String tenant = tenants[i];
        Object key = larder.key(id, tenant);
        Object value = larder.get(key);
        if (value == CachedHandle.MISS) {
            value = larder.load(key, () -> find(id, tenant));
        }
        return value;
    }

    /** A call to the processor-generated {@code Directory_Cached.find}: compile-time mode end to end. */
    @Benchmark
    public Object generated(Cursor cursor) {
        int i = cursor.advance();
        return generated.find(ids[i], tenants[i]);
    }

    @Benchmark
    @Threads(2)
    public Object generated2Threads(Cursor cursor) {
        return generated(cursor);
    }

    @Benchmark
    @Threads(2)
    public Object caffeineOnly2Threads(Cursor cursor) {
        return caffeineOnly(cursor);
    }

    @Benchmark
    @Threads(2)
    public Object caffeineExpiring2Threads(Cursor cursor) {
        return caffeineExpiring(cursor);
    }

    @Benchmark
    @Threads(2)
    public Object larder2Threads(Cursor cursor) {
        return larder(cursor);
    }
}
