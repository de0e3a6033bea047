package dev.larder.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 * The cost of {@code larder.cache.<name>.copy=true}: a hit on a copying cache (a JSON round trip of the value through
 * the default codec) beside a hit on the same method's cache without copying and a plain Caffeine {@code getIfPresent},
 * 1,024 hot keys, a small mutable bean and a list of three of them. Called as generated code calls the runtime.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CopyHitBenchmark {
    static final int KEYS = 1024;

    /** A mutable value, as an entity is. */
    public static class Book {
        public int id;
        public String title;
        public long priceCents;

        public Book() {}

        Book(int id) {
            this.id = id;
            this.title = "title-" + id;
            this.priceCents = 100L * id;
        }
    }

    final Integer[] ids = new Integer[KEYS];
    Cache<Object, Object> caffeine;
    CachedHandle shared;
    CachedHandle copied;
    CachedHandle copiedList;

    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            return next++ & (KEYS - 1);
        }
    }

    @Setup
    public void setUp() {
        Larder.configure(LarderConfig.builder()
                .set("larder.metrics", "none")
                .set("larder.cache.copied.copy", "true")
                .set("larder.cache.copiedList.copy", "true")
                .build());
        caffeine = Caffeine.newBuilder().maximumSize(10_000).build();
        shared = handle("shared", Book.class.getTypeName());
        copied = handle("copied", Book.class.getTypeName());
        copiedList = handle("copiedList", "java.util.List<" + Book.class.getTypeName() + ">");
        for (int i = 0; i < KEYS; i++) {
            ids[i] = i * 7919;
            Book book = new Book(ids[i]);
            caffeine.put(ids[i], book);
            read(shared, ids[i], book);
            read(copied, ids[i], book);
            read(copiedList, ids[i], List.of(book, new Book(i + 1), new Book(i + 2)));
        }
    }

    @TearDown
    public void tearDown() {
        Larder.configure(LarderConfig.defaults());
    }

    private static CachedHandle handle(String cache, String returnType) {
        return Handles.cached(
                CachedSpec.of("dev.larder.benchmarks.CopyHitBenchmark#" + cache + "(int)", cache, "{id}", "10m")
                        .withReturnType(returnType));
    }

    private static Object read(CachedHandle handle, int id, Object loaded) {
        Object key = handle.key(id);
        Object value = handle.get(key);
        return value == CachedHandle.MISS ? handle.load(key, () -> loaded) : value;
    }

    static Object hit(CachedHandle handle, int id) {
        Object key = handle.key(id);
        Object value = handle.get(key);
        if (value == CachedHandle.MISS) {
            throw new IllegalStateException("a miss in a hit benchmark");
        }
        return value;
    }

    @Benchmark
    public Object caffeine(Cursor cursor) {
        return caffeine.getIfPresent(ids[cursor.advance()]);
    }

    @Benchmark
    public Object larderShared(Cursor cursor) {
        return hit(shared, ids[cursor.advance()]);
    }

    @Benchmark
    public Object larderCopy(Cursor cursor) {
        return hit(copied, ids[cursor.advance()]);
    }

    @Benchmark
    public Object larderCopyList(Cursor cursor) {
        return hit(copiedList, ids[cursor.advance()]);
    }
}
