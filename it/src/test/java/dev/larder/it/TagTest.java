package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.it.fixtures.Hold;
import dev.larder.it.fixtures.Shelf;
import dev.larder.it.fixtures.Shelf.Book;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tags: {@code @Cached(tags)} tags each entry from the parameters and the result; {@code @Invalidate(tags)} and
 * {@code Larder.invalidateTag} remove every entry carrying a tag, in every cache, also against a load under way; on
 * every backend (on Redis the tags and their invalidations are kept in Redis too).
 */
class TagTest {
    private static final int RUNS = 500;

    private final ExecutorService loader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "larder-it-tag-loader");
        thread.setDaemon(true);
        return thread;
    });

    private Shelf shelf;

    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
        shelf = Fixtures.create(Shelf.class);
        shelf.putSource(new Book(1, 7, "Emma"));
        shelf.putSource(new Book(2, 7, "Persuasion"));
        shelf.putSource(new Book(3, 8, "Middlemarch"));
    }

    @AfterEach
    void stopLoader() {
        loader.shutdownNow();
    }

    @Test
    void invalidateTagsRemovesTaggedEntriesOfEveryCacheOnly() {
        shelf.book(1);
        shelf.book(3);
        shelf.titles(7);
        shelf.titles(8);

        shelf.retitle(7, " (2nd ed.)");

        assertThat(shelf.book(1).title()).isEqualTo("Emma (2nd ed.)");
        assertThat(shelf.titles(7)).isEqualTo("Emma (2nd ed.);Persuasion (2nd ed.);");
        assertThat(shelf.book(3).title()).isEqualTo("Middlemarch");
        shelf.titles(8);
        assertThat(shelf.bookLoads())
                .as("book 1 loaded again, book 3 still cached")
                .isEqualTo(3);
        assertThat(shelf.titleLoads())
                .as("author 7 loaded again, author 8 still cached")
                .isEqualTo(3);
    }

    @Test
    void invalidateTagsRendersTheResult() {
        shelf.book(2);
        shelf.titles(7);

        shelf.rename(1, "Sense and Sensibility"); // book 1 was never cached: its author's tag reaches book 2's lists

        assertThat(shelf.titles(7)).isEqualTo("Persuasion;Sense and Sensibility;");
        assertThat(shelf.titleLoads()).isEqualTo(2);
        shelf.book(2);
        assertThat(shelf.bookLoads()).as("book 2 carries author:7 too").isEqualTo(2);
    }

    @Test
    void apiInvalidateTagRemovesEntriesCarryingIt() {
        shelf.book(1);
        shelf.book(3);
        shelf.titles(8);

        Larder.invalidateTag("shelf");

        shelf.book(1);
        shelf.book(3);
        shelf.titles(8);
        assertThat(shelf.bookLoads()).isEqualTo(4);
        assertThat(shelf.titleLoads()).as("titles are not on the shelf tag").isEqualTo(1);
        shelf.book(1);
        assertThat(shelf.bookLoads()).as("the reloaded entry is cached again").isEqualTo(4);
    }

    @Test
    void untaggedLookupsOfATaggedCacheDoNotServeAnEntryWhoseTagWasInvalidated() {
        shelf.book(1); // stored by the tagged method: carries author:7
        shelf.putSource(new Book(1, 7, "Emma (2nd ed.)"));
        Larder.invalidateTag("author:7");

        assertThat(shelf.plainBook(1).title())
                .as("an untagged method of the same cache")
                .isEqualTo("Emma (2nd ed.)");

        shelf.book(2);
        shelf.putSource(new Book(2, 7, "Persuasion (2nd ed.)"));
        Larder.invalidateTag("author:7");

        assertThat(shelf.books(Set.of(2)).get(2).title())
                .as("a bulk lookup of the same cache")
                .isEqualTo("Persuasion (2nd ed.)");
        assertThat(shelf.bookLoads()).isEqualTo(4);
    }

    @Test
    void aStaleRedisValueIsLoadedOnceThenServedAgain() {
        shelf.book(1);
        shelf.putSource(new Book(1, 7, "Emma (2nd ed.)"));
        Larder.invalidateTag("shelf");

        assertThat(shelf.book(1).title()).isEqualTo("Emma (2nd ed.)");
        assertThat(shelf.book(1).title()).isEqualTo("Emma (2nd ed.)");
        assertThat(shelf.plainBook(1).title()).isEqualTo("Emma (2nd ed.)");
        assertThat(shelf.bookLoads())
                .as("loaded once after the invalidation, then cached")
                .isEqualTo(2);
    }

    @Test
    void tagInvalidationWinsRaceAgainstSlowLoad() {
        for (int run = 0; run < RUNS; run++) {
            int id = 100 + run;
            shelf.putSource(new Book(id, 9, "old"));
            Hold hold = new Hold();
            shelf.holdNextLoad(hold);

            Future<Book> slowLoad = loader.submit(() -> shelf.book(id));
            hold.awaitEntered(); // the load has read "old"
            shelf.putSource(new Book(id, 9, "new"));
            Larder.invalidateTag("author:9");
            hold.release();

            assertThat(Concurrently.result(slowLoad).title()).isEqualTo("old");
            assertThat(shelf.book(id).title())
                    .as("read after the change in run %d", run)
                    .isEqualTo("new");
            assertThat(shelf.book(id).title())
                    .as("second read after the change in run %d", run)
                    .isEqualTo("new");
        }
    }
}
