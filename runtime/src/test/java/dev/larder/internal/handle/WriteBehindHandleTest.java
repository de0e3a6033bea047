package dev.larder.internal.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.ConfigurationException;
import dev.larder.DeadLetterHandler;
import dev.larder.FailedWrite;
import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.state.LarderRuntime;
import dev.larder.model.CachedSpec;
import dev.larder.model.WriteBehindSpec;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Write-behind seen from the reads of the same cache, called the way generated code calls the handles: a store
 * ({@link #STORE}) stands for the system of record, a {@code @Cached} method reads it, a {@code @WriteBehind} method
 * with a batch method writes it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WriteBehindHandleTest {
    private static final String CACHE = "wb-handle-test";
    private static final Map<Integer, String> STORE = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static final AtomicInteger BATCHES = new AtomicInteger();
    private static final AtomicInteger BODIES = new AtomicInteger();
    /** Rows the store rejects, by key. */
    private static final Map<Integer, Boolean> REJECTED = new ConcurrentHashMap<>();

    private static final AtomicInteger FAILURES_TO_INJECT = new AtomicInteger();

    private static final CachedHandle FIND = Handles.cached(CachedSpec.of("Test#find(int)", CACHE, "{id}", "10m"));
    private static final WriteBehindHandle SAVE = Handles.writeBehind(
            new WriteBehindSpec("Test#save(Row)", CACHE, "{row.id}", "10m", "1h", 100, true, 1),
            (target, values) -> saveAll(values));
    /** Batches larger than the test writes: nothing is flushed before {@code Larder.flush()}. */
    private static final WriteBehindHandle SAVE_MANY = Handles.writeBehind(
            new WriteBehindSpec("Test#saveMany(Row)", CACHE, "{row.id}", "10m", "1h", 10_000, true, 1),
            (target, values) -> saveAll(values));

    private final List<FailedWrite> deadLetters = new CopyOnWriteArrayList<>();
    private final Object target = new Object();

    /** One row: the key and the text stored under it. */
    private record Row(int id, String text) {}

    private static void saveAll(List<Object> values) throws IOException {
        BATCHES.incrementAndGet();
        if (FAILURES_TO_INJECT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IOException("store down");
        }
        for (Object value : values) {
            if (REJECTED.containsKey(((Row) value).id())) {
                throw new IOException("row " + ((Row) value).id() + " rejected");
            }
        }
        for (Object value : values) {
            STORE.put(((Row) value).id(), ((Row) value).text());
        }
    }

    @BeforeEach
    void fresh() {
        configure(Map.of());
        STORE.clear();
        REJECTED.clear();
        LOADS.set(0);
        BATCHES.set(0);
        BODIES.set(0);
        FAILURES_TO_INJECT.set(0);
        Larder.onDeadLetter(deadLetters::add);
    }

    @AfterEach
    void restore() {
        Larder.onDeadLetter(DeadLetterHandler.logging());
        Larder.configure(LarderConfig.defaults());
    }

    private static void configure(Map<String, String> settings) {
        LarderConfig.Builder config = LarderConfig.builder();
        settings.forEach(config::set);
        Larder.configure(config.build());
    }

    private static Object find(int id) {
        Object key = FIND.key(id);
        Object value = FIND.get(key);
        if (value == CachedHandle.MISS) {
            value = FIND.load(key, () -> {
                LOADS.incrementAndGet();
                String text = STORE.get(id);
                return text == null ? null : new Row(id, text);
            });
        }
        return value;
    }

    private void save(int id, String text) {
        Row row = new Row(id, text);
        SAVE.write(target, SAVE.key(id), row, () -> {
            BODIES.incrementAndGet();
            STORE.put(id, text);
        });
    }

    // ---- read-your-writes ----

    @Test
    void missAfterAnInvalidationAnswersThePendingWrite() {
        STORE.put(1, "old");
        save(1, "new");

        LarderRuntime.current().tier(CACHE).invalidate(FIND.key(1));

        assertThat(find(1)).isEqualTo(new Row(1, "new"));
        assertThat(LOADS).hasValue(0);
        Larder.flush();
        assertThat(STORE).containsEntry(1, "new");
        assertThat(find(1)).isEqualTo(new Row(1, "new"));
    }

    @Test
    void missAfterInvalidateAllAnswersThePendingWriteAndTheFlushedRowAfterwards() {
        STORE.put(1, "old");
        save(1, "new");

        Larder.invalidateAll(CACHE);

        assertThat(find(1)).isEqualTo(new Row(1, "new"));
        Larder.flush();
        Larder.invalidateAll(CACHE);
        assertThat(find(1)).isEqualTo(new Row(1, "new"));
        assertThat(LOADS).hasValue(1);
    }

    @Test
    void sizeEvictionDoesNotLosePendingWrites() {
        configure(Map.of("larder.cache." + CACHE + ".maxSize", "100"));
        for (int id = 0; id < 2_000; id++) {
            STORE.put(id, "old");
            Row row = new Row(id, "new " + id);
            SAVE_MANY.write(target, SAVE_MANY.key(id), row, () -> {});
        }

        for (int id = 0; id < 2_000; id++) {
            assertThat(find(id)).isEqualTo(new Row(id, "new " + id));
        }
        assertThat(LOADS).hasValue(0);
        Larder.flush();
        assertThat(STORE).hasSize(2_000).containsEntry(1_999, "new 1999");
    }

    // ---- failures ----

    @Test
    void deadLetteredWriteLeavesTheCacheAndTheOtherRowsLand() {
        configure(Map.of("larder.writeBehind.maxAge", "300ms"));
        for (int id = 0; id < 10; id++) {
            STORE.put(id, "old");
        }
        REJECTED.put(5, true);
        for (int id = 0; id < 10; id++) {
            save(id, "new");
        }

        Larder.flush();

        assertThat(STORE).hasSize(10).containsEntry(4, "new").containsEntry(5, "old");
        assertThat(deadLetters).singleElement().satisfies(failed -> {
            assertThat(failed.value()).isEqualTo(new Row(5, "new"));
            assertThat(failed.cause()).hasMessage("row 5 rejected");
        });
        assertThat(find(5))
                .as("the cache no longer serves the row never stored")
                .isEqualTo(new Row(5, "old"));
        assertThat(find(4)).isEqualTo(new Row(4, "new"));
    }

    @Test
    void writeAfterShutdownTakesTheBatchMethodAndItsFailureDoesNotReachTheCaller() {
        Larder.shutdown();
        FAILURES_TO_INJECT.set(1);

        save(7, "after shutdown");

        assertThat(STORE).containsEntry(7, "after shutdown");
        assertThat(BODIES).hasValue(0);
        assertThat(BATCHES).hasValue(2);
        assertThat(deadLetters).isEmpty();
        assertThat(find(7)).isEqualTo(new Row(7, "after shutdown"));
    }

    // ---- configuration ----

    @Test
    void retryAgeAndBoundAreValidatedNamingKeyAndValue() {
        assertThatThrownBy(() -> configure(Map.of("larder.writeBehind.maxAge", "0")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("larder.writeBehind.maxAge")
                .hasMessageContaining("greater than 0");
        assertThatThrownBy(() -> configure(Map.of("larder.writeBehind.maxPending", "none")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("larder.writeBehind.maxPending")
                .hasMessageContaining("none");
        assertThatThrownBy(() -> configure(Map.of("larder.cache." + CACHE + ".writeBehind.maxAge", "soon")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("larder.cache." + CACHE + ".writeBehind.maxAge");
        configure(Map.of(
                "larder.writeBehind.maxPending",
                "10",
                "larder.cache." + CACHE + ".writeBehind.maxPending",
                "20",
                "larder.cache." + CACHE + ".writeBehind.maxAge",
                "2m"));
        assertThat(Larder.config().writeBehindMaxPending(CACHE)).isEqualTo(20);
        assertThat(Larder.config().writeBehindMaxPending("other")).isEqualTo(10);
        assertThat(Larder.config().writeBehindMaxAge(CACHE)).hasMinutes(2);
        assertThat(Larder.config().writeBehindMaxAge("other")).hasMinutes(10);
    }
}
