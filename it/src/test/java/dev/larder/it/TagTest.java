package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.larder.ConfigurationException;
import dev.larder.Larder;
import dev.larder.it.fixtures.Hold;
import dev.larder.it.fixtures.Shelf;
import dev.larder.it.fixtures.Shelf.Book;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tags: {@code @Cached(tags)} tags each entry from the parameters and the result; {@code @Invalidate(tags)} and
 * {@code Larder.invalidateTag} remove every entry carrying a tag, in every cache, also against a load under way.
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
        assumeTrue(LarderSetup.backend().equals("local"), "tags are kept in this JVM only");
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
        assumeTrue(LarderSetup.backend().equals("local"), "tags are kept in this JVM only");
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
        assumeTrue(LarderSetup.backend().equals("local"), "tags are kept in this JVM only");
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
    void tagInvalidationWinsRaceAgainstSlowLoad() {
        assumeTrue(LarderSetup.backend().equals("local"), "tags are kept in this JVM only");
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

    @Test
    void taggedMethodOnRedisIsRefusedNamingTheCache() {
        assumeTrue(!LarderSetup.backend().equals("local"), "the Redis backends refuse tags");
        assertThatThrownBy(() -> shelf.book(1))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("larder.cache.shelfBooks.backend")
                .hasMessageContaining("tagged");
    }
}
