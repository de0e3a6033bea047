package dev.larder.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.model.CachedSpec;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of {@code larder.cache.<name>.warm}: a hit on a warmed cache, which counts its key in the cache's use
 * sketch, beside a hit on a cache without {@code warm} and a plain Caffeine {@code getIfPresent}. Two key sets: 1,024
 * keys, whose counters soon stop at their ceiling (the sketch is then only read), and 65,536 keys cycled through a
 * sketch sized for 100 recorded keys, so that counters keep rising and being halved (the sketch is written).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class WarmHitBenchmark {
    static final int FEW = CopyHitBenchmark.KEYS;
    static final int MANY = 1 << 16;

    final Integer[] ids = new Integer[MANY];
    Cache<Object, Object> caffeine;
    CachedHandle plain;
    CachedHandle warmed;
    CachedHandle plainMany;
    CachedHandle warmedMany;

    /** Cycles through all {@link #MANY} keys; the few-key benchmarks use {@link CopyHitBenchmark.Cursor}. */
    @State(Scope.Thread)
    public static class ManyCursor {
        int next;

        int advance() {
            return next++ & (MANY - 1);
        }
    }

    @Setup
    public void setUp() {
        Larder.configure(LarderConfig.builder()
                .set("larder.metrics", "none")
                .set("larder.cache.warmHit.warm", "1000")
                .set("larder.cache.warmHitMany.warm", "100")
                .set("larder.cache.warmHitMany.maxSize", String.valueOf(2 * MANY))
                .set("larder.cache.plainHitMany.maxSize", String.valueOf(2 * MANY))
                .build());
        caffeine = Caffeine.newBuilder().maximumSize(10_000).build();
        plain = handle("plainHit");
        warmed = handle("warmHit");
        plainMany = handle("plainHitMany");
        warmedMany = handle("warmHitMany");
        for (int i = 0; i < MANY; i++) {
            ids[i] = i * 7919;
            if (i < FEW) {
                caffeine.put(ids[i], ids[i]);
                read(plain, ids[i]);
                read(warmed, ids[i]);
            }
            read(plainMany, ids[i]);
            read(warmedMany, ids[i]);
        }
    }

    @TearDown
    public void tearDown() {
        Larder.configure(LarderConfig.defaults());
    }

    private static CachedHandle handle(String cache) {
        return Handles.cached(
                CachedSpec.of("dev.larder.benchmarks.WarmHitBenchmark#" + cache + "(int)", cache, "{id}", "10m"));
    }

    private static Object read(CachedHandle handle, int id) {
        Object key = handle.key(id);
        Object value = handle.get(key);
        return value == CachedHandle.MISS ? handle.load(key, () -> id) : value;
    }

    @Benchmark
    public Object caffeine(CopyHitBenchmark.Cursor cursor) {
        return caffeine.getIfPresent(ids[cursor.advance()]);
    }

    @Benchmark
    public Object plainHit(CopyHitBenchmark.Cursor cursor) {
        return CopyHitBenchmark.hit(plain, ids[cursor.advance()]);
    }

    @Benchmark
    public Object warmedHit(CopyHitBenchmark.Cursor cursor) {
        return CopyHitBenchmark.hit(warmed, ids[cursor.advance()]);
    }

    @Benchmark
    public Object plainHitManyKeys(ManyCursor cursor) {
        return CopyHitBenchmark.hit(plainMany, ids[cursor.advance()]);
    }

    @Benchmark
    public Object warmedHitManyKeys(ManyCursor cursor) {
        return CopyHitBenchmark.hit(warmedMany, ids[cursor.advance()]);
    }
}
