package dev.larder.samples;

import dev.larder.annotation.CacheDefaults;
import dev.larder.annotation.Cached;
import dev.larder.annotation.Invalidate;
import dev.larder.annotation.RefreshAhead;
import dev.larder.annotation.WriteBehind;
import dev.larder.annotation.WriteThrough;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The bookshop's catalogue service: plain JDBC over {@link Database}. Used as it is, every call goes to the database;
 * through the generated {@code Catalog_Cached}, the annotations apply:
 *
 * <ul>
 *   <li>{@link #findBook} is read-through with refresh-ahead: hot books are reloaded in the background before they
 *       expire, so readers of a popular book never wait for the database;
 *   <li>{@link #searchByAuthor} is keyed by two properties of its {@link SearchQuery};
 *   <li>{@link #updatePrice} writes through to the book cache, so the next read sees the new price at once;
 *   <li>{@link #recordView} writes behind: the live counter is the {@code views} cache, and {@link #saveViews}
 *       stores many counters in one JDBC batch;
 *   <li>{@link #delist} removes the book and every cached search page.
 * </ul>
 *
 * Thread-safe when the database is. Callers that read a counter and write the next value ({@link #views} then
 * {@link #recordView}) must not do so for one book from two threads at once.
 */
@CacheDefaults(cache = "books", ttl = "30s")
public class Catalog {
    private static final String BOOK_COLUMNS = "b.id, b.title, a.name, b.price, b.rating";
    private static final String BOOK_BY_ID =
            "SELECT " + BOOK_COLUMNS + " FROM books b JOIN authors a ON a.id = b.author_id WHERE b.id = ? AND b.listed";

    private final Database database;

    public Catalog(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * A listed book, or {@code null} when there is no such book or it was delisted. Null is cached too, so a delisted
     * book that is still linked from everywhere does not send every visit to the database.
     */
    @Cached(cacheNull = true)
    @RefreshAhead(at = 0.8)
    public @Nullable Book findBook(long id) {
        return database.read(BOOK_BY_ID, s -> s.setLong(1, id), rs -> rs.next() ? book(rs) : null);
    }

    /** One page of an author's listed books, best rated first. */
    @Cached(cache = "authorSearch", key = "{query.author}:{query.page}", ttl = "1m")
    public List<BookSummary> searchByAuthor(SearchQuery query) {
        return database.read(
                "SELECT b.id, b.title, a.name, b.rating FROM books b JOIN authors a ON a.id = b.author_id"
                        + " WHERE a.name = ? AND b.listed ORDER BY b.rating DESC, b.id LIMIT ? OFFSET ?",
                s -> {
                    s.setString(1, query.author());
                    s.setInt(2, SearchQuery.PAGE_SIZE);
                    s.setInt(3, query.page() * SearchQuery.PAGE_SIZE);
                },
                rs -> Database.list(
                        rs, r -> new BookSummary(r.getLong(1), r.getString(2), r.getString(3), r.getDouble(4))));
    }

    /**
     * Sets a listed book's price and returns the book as it is now, or {@code null} when it is not listed (nothing is
     * changed then).
     */
    @WriteThrough(key = "{id}", value = "{result}")
    public @Nullable Book updatePrice(long id, BigDecimal price) {
        Objects.requireNonNull(price, "price");
        return database.write(
                "UPDATE books SET price = ? WHERE id = ? AND listed",
                s -> {
                    s.setBigDecimal(1, price);
                    s.setLong(2, id);
                },
                BOOK_BY_ID,
                s -> s.setLong(1, id),
                rs -> rs.next() ? book(rs) : null);
    }

    /** How often a book was viewed. Cached without expiry: the cache is the live counter, the database catches up. */
    @Cached(cache = "views", ttl = "0")
    public ViewCount views(long id) {
        long views = database.read(
                "SELECT views FROM books WHERE id = ?", s -> s.setLong(1, id), rs -> rs.next() ? rs.getLong(1) : 0L);
        return new ViewCount(id, views);
    }

    /**
     * Stores a book's new view total. With Larder the call returns at once and the totals of many books are written
     * later, one JDBC batch through {@link #saveViews}; without, each call is an update.
     */
    @WriteBehind(
            cache = "views",
            key = "{id}",
            value = "{count}",
            ttl = "0",
            delay = "250ms",
            batchSize = 500,
            batchMethod = "saveViews")
    public void recordView(long id, ViewCount count) {
        database.write("UPDATE books SET views = ? WHERE id = ?", s -> {
            s.setLong(1, count.views());
            s.setLong(2, id);
        });
    }

    /** Stores many view totals in one JDBC batch. */
    public void saveViews(List<ViewCount> counts) {
        database.batch("UPDATE books SET views = ? WHERE id = ?", counts, (s, count) -> {
            s.setLong(1, count.views());
            s.setLong(2, count.bookId());
        });
    }

    /** Takes a book off sale; returns whether it was listed. Its cached page and every cached search page go. */
    @Invalidate(cache = "books", key = "{id}")
    @Invalidate(cache = "authorSearch", all = true)
    public boolean delist(long id) {
        return database.write("UPDATE books SET listed = FALSE WHERE id = ? AND listed", s -> s.setLong(1, id)) > 0;
    }

    private static Book book(ResultSet rs) throws SQLException {
        return new Book(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4), rs.getDouble(5));
    }
}
