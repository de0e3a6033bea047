package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.it.fixtures.Hold;
import dev.larder.it.fixtures.TitleShelf;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @CachedAll}: hits key by key, one call of the method for the missing keys, entries shared with the
 * {@code @Cached} single lookup of the same cache, single-flight per key, and invalidations that win against a bulk
 * load in flight.
 */
class BulkLookupTest {
    private final ExecutorService loader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "larder-it-bulk-loader");
        thread.setDaemon(true);
        return thread;
    });

    private TitleShelf shelf;

    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
        shelf = Fixtures.create(TitleShelf.class);
        for (long id = 1; id <= 200; id++) {
            shelf.putSource(id, "title " + id);
        }
    }

    @AfterEach
    void stopLoader() {
        loader.shutdownNow();
    }

    @Test
    void bulkRunsOnceWithOnlyTheMissingKeys() {
        shelf.title(1);
        shelf.title(2);

        Map<Long, String> titles = shelf.titles(ids(1, 2, 3, 4, 5));

        assertThat(titles).containsExactly(entry(1), entry(2), entry(3), entry(4), entry(5));
        assertThat(calls()).containsExactly(List.of(3L, 4L, 5L));
        assertThat(shelf.titles(ids(5, 4, 3, 2, 1))).containsExactly(entry(5), entry(4), entry(3), entry(2), entry(1));
        assertThat(shelf.bulkCalls()).hasSize(1);
    }

    @Test
    void bulkEntriesAreTheSingleLookupsEntries() {
        shelf.titles(ids(7, 8));

        assertThat(shelf.title(7)).isEqualTo("title 7");
        assertThat(shelf.title(8)).isEqualTo("title 8");
        assertThat(shelf.singleLoads()).isZero();
    }

    @Test
    void invalidatingOneKeyReloadsOnlyThatKey() {
        shelf.titles(ids(1, 2, 3));
        shelf.discard(2);
        shelf.putSource(2, "new title 2");

        assertThat(shelf.titles(ids(1, 2, 3))).containsEntry(2L, "new title 2").hasSize(3);
        assertThat(calls()).containsExactly(List.of(1L, 2L, 3L), List.of(2L));
    }

    @Test
    void methodGetsTheCollectionKindItDeclares() {
        shelf.titles(ids(1, 2));
        shelf.titleList(List.of(3L, 4L, 3L));

        assertThat(shelf.bulkCalls().get(0)).isInstanceOf(Set.class).containsExactly(1L, 2L);
        assertThat(shelf.bulkCalls().get(1)).isInstanceOf(List.class).containsExactly(3L, 4L);
    }

    @Test
    void keyAbsentFromTheResultIsAbsentAndNotCached() {
        assertThat(shelf.titles(ids(1, 999))).containsExactly(entry(1));
        assertThat(shelf.titles(ids(1, 999))).containsExactly(entry(1));

        assertThat(calls()).containsExactly(List.of(1L, 999L), List.of(999L));
    }

    @Test
    void keyAbsentFromTheResultIsCachedAsNullWithCacheNull() {
        assertThat(shelf.titlesOrNull(List.of(1L, 999L))).containsExactly(entry(1));
        assertThat(shelf.titlesOrNull(List.of(999L, 1L))).containsExactly(entry(1));

        assertThat(shelf.bulkCalls()).hasSize(1);
    }

    @Test
    void otherParametersArePartOfEachKey() {
        assertThat(shelf.titleIn("north", 1)).isEqualTo("north/title 1");

        assertThat(shelf.titlesIn("north", ids(1, 2)))
                .containsExactly(Map.entry(1L, "north/title 1"), Map.entry(2L, "north/title 2"));
        assertThat(shelf.titlesIn("south", ids(1))).containsExactly(Map.entry(1L, "south/title 1"));
        assertThat(calls()).containsExactly(List.of(2L), List.of(1L));
        assertThat(shelf.titleIn("north", 2)).isEqualTo("north/title 2");
        assertThat(shelf.singleLoads()).isEqualTo(1);
    }

    @Test
    void exceptionReachesTheCallerAndNothingIsStored() {
        IllegalStateException failure = new IllegalStateException("source down");
        shelf.failLoads(failure);

        assertThatThrownBy(() -> shelf.titles(ids(1, 2))).isSameAs(failure);

        shelf.failLoads(null);
        assertThat(shelf.titles(ids(1, 2))).hasSize(2);
        assertThat(shelf.bulkCalls()).hasSize(2);
    }

    @Test
    void concurrentSingleAndBulkCallersLoadEachKeyOnce() {
        for (int run = 0; run < 20; run++) {
            long first = 1 + run * 10L;
            Set<Long> keys =
                    LongStream.range(first, first + 10).boxed().collect(Collectors.toCollection(LinkedHashSet::new));
            shelf.bulkCalls().clear();
            int before = shelf.singleLoads();

            List<Object> results =
                    Concurrently.run(8, i -> () -> i % 2 == 0 ? shelf.titles(keys) : shelf.title(first + i % 10));

            int loaded = shelf.singleLoads() - before;
            for (Collection<Long> call : shelf.bulkCalls()) {
                loaded += call.size();
            }
            assertThat(loaded).as("loads of 10 keys in run %d", run).isEqualTo(10);
            for (Object result : results) {
                if (result instanceof Map<?, ?> map) {
                    assertThat(map).hasSize(10);
                }
            }
        }
    }

    @Test
    void bulkLoadRacingSingleKeyInvalidationStoresNoStaleValue() {
        for (int run = 0; run < 200; run++) {
            long id = 1000 + run;
            shelf.putSource(id, "old");
            Hold hold = new Hold();
            shelf.holdNextLoad(hold);

            Future<Map<Long, String>> slowLoad = loader.submit(() -> shelf.titles(ids(id)));
            hold.awaitEntered(); // the bulk load has read "old"
            shelf.discard(id);
            shelf.putSource(id, "new");
            hold.release();

            assertThat(Concurrently.result(slowLoad)).containsKey(id);
            assertThat(shelf.title(id))
                    .as("single read after the invalidation in run %d", run)
                    .isEqualTo("new");
            assertThat(shelf.titles(ids(id)))
                    .as("bulk read after the invalidation in run %d", run)
                    .containsExactly(Map.entry(id, "new"));
        }
    }

    /** The keys each bulk call was given, as lists. */
    private List<List<Long>> calls() {
        return shelf.bulkCalls().stream().map(List::copyOf).toList();
    }

    private static Set<Long> ids(long... ids) {
        Set<Long> set = new LinkedHashSet<>();
        for (long id : ids) {
            set.add(id);
        }
        return set;
    }

    private static Map.Entry<Long, String> entry(long id) {
        return Map.entry(id, "title " + id);
    }
}
