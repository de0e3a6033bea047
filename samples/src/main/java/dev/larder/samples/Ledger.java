package dev.larder.samples;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the workload did to each book, counted on its own side, apart from Larder and the database: the views it
 * recorded, the last price it set, the author it last credited the book to, whether it delisted the book. After a run
 * the database must agree with it. It also keeps what the workload read back right after moving a book: both authors'
 * pages must show the move at once (a stale page is a mismatch). Thread-safe.
 */
public final class Ledger {
    private final AtomicLongArray views;
    private final AtomicReferenceArray<BigDecimal> prices;
    private final AtomicIntegerArray delisted;
    private final AtomicIntegerArray authors;
    private final LongAdder moves = new LongAdder();
    private final List<String> staleReads = new CopyOnWriteArrayList<>();

    Ledger(CatalogueSeed seed) {
        int n = seed.bookCount();
        this.views = new AtomicLongArray(n + 1);
        this.prices = new AtomicReferenceArray<>(n + 1);
        this.delisted = new AtomicIntegerArray(n + 1);
        this.authors = new AtomicIntegerArray(n + 1);
        for (int id = 1; id <= n; id++) {
            prices.set(id, seed.priceOf(id));
            authors.set(id, seed.authorIdOf(id));
        }
    }

    void viewed(long id) {
        views.incrementAndGet((int) id);
    }

    void priced(long id, BigDecimal price) {
        prices.set((int) id, price);
    }

    void delisted(long id) {
        delisted.set((int) id, 1);
    }

    /** The author a book is credited to now. */
    int authorOf(long id) {
        return authors.get((int) id);
    }

    /**
     * A book moved from one author to another, with both authors' pages as read right after the move returned: the
     * book must be on the new author's page and off the old one's, or the page read was stale.
     */
    void moved(long id, int from, int to, List<BookSummary> fromPage, List<BookSummary> toPage) {
        authors.set((int) id, to);
        moves.increment();
        if (contains(fromPage, id)) {
            staleReads.add("book " + id + " is still on the page of author " + from + " after it moved to " + to);
        }
        if (!contains(toPage, id)) {
            staleReads.add("book " + id + " is missing from the page of author " + to + " after it moved there");
        }
    }

    private static boolean contains(List<BookSummary> page, long id) {
        for (BookSummary book : page) {
            if (book.id() == id) {
                return true;
            }
        }
        return false;
    }

    /** Books moved to another author, each followed by a read of both authors' pages. */
    public long moves() {
        return moves.sum();
    }

    /** Views recorded of all books. */
    public long totalViews() {
        long total = 0;
        for (int i = 0; i < views.length(); i++) {
            total += views.get(i);
        }
        return total;
    }

    /** Books delisted. */
    public int delistedBooks() {
        int total = 0;
        for (int i = 0; i < delisted.length(); i++) {
            total += delisted.get(i);
        }
        return total;
    }

    /** Compares every stored book with what the workload did to it. */
    public Verification verify(Map<Long, Database.StoredBook> stored) {
        List<String> mismatches = new ArrayList<>();
        int books = 0;
        long storedViews = 0;
        for (int id = 1; id < views.length(); id++) {
            Database.StoredBook book = stored.get((long) id);
            books++;
            if (book == null) {
                mismatches.add("book " + id + " is missing");
                continue;
            }
            storedViews += book.views();
            if (book.views() != views.get(id)) {
                mismatches.add("book " + id + " has " + book.views() + " views stored, " + views.get(id) + " recorded");
            }
            if (book.price().compareTo(prices.get(id)) != 0) {
                mismatches.add("book " + id + " costs " + book.price() + " stored, last set to " + prices.get(id));
            }
            if (book.listed() == (delisted.get(id) == 1)) {
                mismatches.add("book " + id + (book.listed() ? " is still listed" : " is delisted by nobody"));
            }
            if (book.authorId() != authors.get(id)) {
                mismatches.add(
                        "book " + id + " is by author " + book.authorId() + " stored, moved to " + authors.get(id));
            }
        }
        mismatches.addAll(staleReads);
        return new Verification(books, totalViews(), storedViews, moves(), staleReads.size(), List.copyOf(mismatches));
    }

    /**
     * The database compared with the ledger.
     *
     * @param books books checked
     * @param recordedViews views the workload recorded
     * @param storedViews views the database holds
     * @param moves books moved to another author, each followed by a read of both authors' pages
     * @param staleReads author pages read right after a move that did not show it
     * @param mismatches what differs, one line per difference, stale reads included
     */
    public record Verification(
            int books, long recordedViews, long storedViews, long moves, int staleReads, List<String> mismatches) {
        /** Whether the database holds every last write. */
        public boolean ok() {
            return mismatches.isEmpty();
        }
    }
}
