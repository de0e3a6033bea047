package dev.larder.benchmarks;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.model.CachedSpec;
import java.util.List;
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
 * The cost of tags on a hit: a hit of a tagged method (two tags, checked against their last invalidation) beside a
 * hit of an untagged method in a cache no tagged method uses (the plain hit, which tags must leave as it was), and
 * beside a hit of an untagged method that shares its cache with a tagged one (it checks tags too), on the local
 * backend, 1,024 hot keys. Called as generated code calls the runtime. The tiered backend's hits are the same L1
 * lookups, so they cost the same.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class TagHitBenchmark {
    static final int KEYS = CopyHitBenchmark.KEYS;

    final Integer[] ids = new Integer[KEYS];
    CachedHandle untagged;
    CachedHandle tagged;
    CachedHandle sharing;

    @Setup
    public void setUp() {
        Larder.configure(LarderConfig.builder().set("larder.metrics", "none").build());
        untagged = handle("untagged", "plain", List.of());
        tagged = handle("tagged", "tagged", List.of("author:{id}", "catalogue"));
        sharing = handle("sharing", "tagged", List.of());
        for (int i = 0; i < KEYS; i++) {
            ids[i] = i * 7919;
            read(untagged, ids[i], false);
            read(tagged, ids[i], true);
        }
        Larder.invalidateTag("unrelated"); // the clock has moved: the tagged hits compare real readings
    }

    @TearDown
    public void tearDown() {
        Larder.configure(LarderConfig.defaults());
    }

    private static CachedHandle handle(String method, String cache, List<String> tags) {
        return Handles.cached(
                CachedSpec.of("dev.larder.benchmarks.TagHitBenchmark#" + method + "(int)", cache, "{id}", "10m")
                        .withReturnType("java.lang.String")
                        .withTags(tags),
                TagHitBenchmark.class);
    }

    private static void read(CachedHandle handle, int id, boolean tags) {
        Object key = handle.key(id);
        if (handle.get(key) == CachedHandle.MISS) {
            handle.load(key, () -> "value-" + id, tags ? result -> new String[] {"author:" + id, "catalogue"} : null);
        }
    }

    @Benchmark
    public Object untaggedHit(CopyHitBenchmark.Cursor cursor) {
        return CopyHitBenchmark.hit(untagged, ids[cursor.advance()]);
    }

    @Benchmark
    public Object taggedHit(CopyHitBenchmark.Cursor cursor) {
        return CopyHitBenchmark.hit(tagged, ids[cursor.advance()]);
    }

    @Benchmark
    public Object untaggedHitOfATaggedCache(CopyHitBenchmark.Cursor cursor) {
        return CopyHitBenchmark.hit(sharing, ids[cursor.advance()]);
    }
}
