package dev.larder.internal.handle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.state.LarderRuntime;
import dev.larder.model.CachedSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warmed cache's single and bulk lookups, hits and misses, count their keys for the warm-restart ranking, whatever
 * the cache's fill; a cache without {@code warm} counts nothing.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UseCountingWiringTest {
    private static final CachedHandle SINGLE =
            Handles.cached(CachedSpec.of("Test#counted(int)", "use-counted", "{id}", "10m"));
    private static final BulkHandle BULK = Handles.cachedAll(
            CachedSpec.of("Test#countedAll(java.util.Set)", "use-counted", "{id}", "10m"), UseCountingWiringTest.class);

    @TempDir
    Path dir;

    @AfterEach
    void defaults() {
        Larder.configure(LarderConfig.defaults());
    }

    @Test
    void singleAndBulkLookupsOfAWarmedCacheRankItsKeysFarBelowItsMaximumSize() {
        Larder.configure(LarderConfig.builder()
                .set("larder.cache.use-counted.warm", "40")
                .set("larder.cache.use-counted.maxSize", "10000")
                .set("larder.warm.dir", dir.toString())
                .build());
        for (int id = 0; id < 400; id++) {
            single(id); // each key once: a miss
        }
        for (int round = 0; round < 6; round++) {
            for (int id = 300; id < 320; id++) {
                single(id); // hits
            }
            Set<Integer> ids = new TreeSet<>();
            IntStream.range(100, 120).forEach(ids::add);
            ids.add(1_000 + round); // a miss among the bulk lookup's hits
            BULK.getAll(ids, BULK::key, UseCountingWiringTest::loadAll);
        }

        List<Object> hottest = LarderRuntime.current().cache("use-counted").hottest(40);

        List<Object> expected = new ArrayList<>();
        IntStream.range(300, 320).forEach(id -> expected.add(SINGLE.key(id)));
        IntStream.range(100, 120).forEach(id -> expected.add(SINGLE.key(id)));
        assertThat(hottest).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void cacheWithoutWarmDoesNotRankByUse() {
        Larder.configure(LarderConfig.defaults());
        single(1);
        assertThat(LarderRuntime.current().cache("use-counted").ranksByUse()).isFalse();
    }

    private static Object single(int id) {
        Object key = SINGLE.key(id);
        Object value = SINGLE.get(key);
        return value == CachedHandle.MISS ? SINGLE.load(key, () -> "book " + id) : value;
    }

    private static Map<?, ?> loadAll(java.util.Collection<Object> missing) {
        Map<Object, Object> loaded = new HashMap<>();
        for (Object id : missing) {
            loaded.put(id, "book " + id);
        }
        return loaded;
    }
}
