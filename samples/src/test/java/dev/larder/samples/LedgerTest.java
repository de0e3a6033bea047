package dev.larder.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LedgerTest {
    private final CatalogueSeed seed = new CatalogueSeed(20, 5, 3);

    @Test
    void aMoveReadBackOnBothAuthorsPagesIsNoMismatch() {
        Ledger ledger = new Ledger(seed);
        int from = seed.authorIdOf(1);
        int to = (from + 1) % seed.authorCount();
        ledger.moved(1, from, to, List.of(summary(2)), List.of(summary(3), summary(1)));

        Ledger.Verification check = ledger.verify(stored(1, to));
        assertThat(check.mismatches()).isEmpty();
        assertThat(check.moves()).isEqualTo(1);
        assertThat(ledger.authorOf(1)).isEqualTo(to);
    }

    @Test
    void aStalePageAfterAMoveIsAMismatch() {
        Ledger ledger = new Ledger(seed);
        int from = seed.authorIdOf(1);
        int to = (from + 1) % seed.authorCount();
        // the old author's page still lists the book, the new one's does not yet
        ledger.moved(1, from, to, List.of(summary(1)), List.of(summary(3)));

        Ledger.Verification check = ledger.verify(stored(1, to));
        assertThat(check.ok()).isFalse();
        assertThat(check.staleReads()).isEqualTo(2);
        assertThat(check.mismatches())
                .containsExactly(
                        "book 1 is still on the page of author " + from + " after it moved to " + to,
                        "book 1 is missing from the page of author " + to + " after it moved there");
    }

    @Test
    void aBookStoredUnderAnotherAuthorThanTheLastMoveIsAMismatch() {
        Ledger ledger = new Ledger(seed);
        int from = seed.authorIdOf(1);
        int to = (from + 1) % seed.authorCount();
        ledger.moved(1, from, to, List.of(), List.of(summary(1)));

        assertThat(ledger.verify(stored(1, from)).mismatches())
                .containsExactly("book 1 is by author " + from + " stored, moved to " + to);
    }

    /** The seed's books as stored, with book {@code id} credited to {@code authorId}. */
    private Map<Long, Database.StoredBook> stored(long id, int authorId) {
        Map<Long, Database.StoredBook> books = new TreeMap<>();
        for (CatalogueSeed.Row row : seed.books()) {
            int author = row.id() == id ? authorId : row.authorId();
            books.put(row.id(), new Database.StoredBook(row.id(), row.price(), 0, true, author));
        }
        return books;
    }

    private static BookSummary summary(long id) {
        return new BookSummary(id, "title " + id, "author", 4.0);
    }
}
