package dev.larder.samples;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What the workload did to each book, counted on its own side, apart from Larder and the database: the views it
 * recorded, the last price it set, whether it delisted the book. After a run the database must agree with it.
 * Thread-safe.
 */
public final class Ledger {
    private final AtomicLongArray views;
    private final AtomicReferenceArray<BigDecimal> prices;
    private final AtomicIntegerArray delisted;

    Ledger(CatalogueSeed seed) {
        int n = seed.bookCount();
        this.views = new AtomicLongArray(n + 1);
        this.prices = new AtomicReferenceArray<>(n + 1);
        this.delisted = new AtomicIntegerArray(n + 1);
        for (int id = 1; id <= n; id++) {
            prices.set(id, seed.priceOf(id));
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
        }
        return new Verification(books, totalViews(), storedViews, List.copyOf(mismatches));
    }

    /**
     * The database compared with the ledger.
     *
     * @param books books checked
     * @param recordedViews views the workload recorded
     * @param storedViews views the database holds
     * @param mismatches what differs, one line per difference
     */
    public record Verification(int books, long recordedViews, long storedViews, List<String> mismatches) {
        /** Whether the database holds every last write. */
        public boolean ok() {
            return mismatches.isEmpty();
        }
    }
}
