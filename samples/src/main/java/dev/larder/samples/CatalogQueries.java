package dev.larder.samples;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The bookshop's catalogue as plain JDBC over {@link Database}: every call is a round trip. {@link Catalog} delegates
 * here; this class carries no Larder annotation, so no mode ever caches it, and the sample's run "without Larder" uses
 * it directly whichever mode the rest of the application is in.
 *
 * <p>Thread-safe when the database is.
 */
public final class CatalogQueries implements Bookshop {
    private static final String BOOK_COLUMNS = "b.id, b.title, a.name, b.price, b.rating";
    private static final String BOOK_BY_ID =
            "SELECT " + BOOK_COLUMNS + " FROM books b JOIN authors a ON a.id = b.author_id WHERE b.id = ? AND b.listed";

    private final Database database;

    public CatalogQueries(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public @Nullable Book findBook(long id) {
        return database.read(BOOK_BY_ID, s -> s.setLong(1, id), rs -> rs.next() ? book(rs) : null);
    }

    /** One query for every id ({@code IN}), counted as one read of {@code ids.size()} keys. */
    @Override
    public Map<Long, Book> findBooks(List<Long> ids) {
        Objects.requireNonNull(ids, "ids");
        if (ids.isEmpty()) {
            return new LinkedHashMap<>();
        }
        String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
        Map<Long, Book> found = database.readMany(
                "SELECT " + BOOK_COLUMNS + " FROM books b JOIN authors a ON a.id = b.author_id WHERE b.id IN ("
                        + placeholders + ") AND b.listed",
                ids.size(),
                s -> {
                    for (int i = 0; i < ids.size(); i++) {
                        s.setLong(i + 1, ids.get(i));
                    }
                },
                rs -> {
                    Map<Long, Book> books = new HashMap<>();
                    for (Book book : Database.list(rs, CatalogQueries::book)) {
                        books.put(book.id(), book);
                    }
                    return books;
                });
        Map<Long, Book> inOrder = new LinkedHashMap<>();
        for (Long id : ids) {
            Book book = found.get(id);
            if (book != null) {
                inOrder.put(id, book);
            }
        }
        return inOrder;
    }

    @Override
    public List<BookSummary> authorBooks(long authorId) {
        return database.read(
                "SELECT b.id, b.title, a.name, b.rating FROM books b JOIN authors a ON a.id = b.author_id"
                        + " WHERE b.author_id = ? AND b.listed ORDER BY b.rating DESC, b.id",
                s -> s.setLong(1, authorId),
                CatalogQueries::summaries);
    }

    @Override
    public boolean moveBook(long bookId, long fromAuthorId, long toAuthorId) {
        return database.write("UPDATE books SET author_id = ? WHERE id = ? AND author_id = ? AND listed", s -> {
                    s.setLong(1, toAuthorId);
                    s.setLong(2, bookId);
                    s.setLong(3, fromAuthorId);
                })
                > 0;
    }

    @Override
    public List<BookSummary> searchByAuthor(SearchQuery query) {
        return database.read(
                "SELECT b.id, b.title, a.name, b.rating FROM books b JOIN authors a ON a.id = b.author_id"
                        + " WHERE a.name = ? AND b.listed ORDER BY b.rating DESC, b.id LIMIT ? OFFSET ?",
                s -> {
                    s.setString(1, query.author());
                    s.setInt(2, SearchQuery.PAGE_SIZE);
                    s.setInt(3, query.page() * SearchQuery.PAGE_SIZE);
                },
                CatalogQueries::summaries);
    }

    private static List<BookSummary> summaries(ResultSet rs) throws SQLException {
        return Database.list(rs, r -> new BookSummary(r.getLong(1), r.getString(2), r.getString(3), r.getDouble(4)));
    }

    /** An update and the read-back of the changed book, in one transaction. */
    @Override
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

    @Override
    public ViewCount views(long id) {
        long views = database.read(
                "SELECT views FROM books WHERE id = ?", s -> s.setLong(1, id), rs -> rs.next() ? rs.getLong(1) : 0L);
        return new ViewCount(id, views);
    }

    /** One update. */
    @Override
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

    @Override
    public boolean delist(long id) {
        return database.write("UPDATE books SET listed = FALSE WHERE id = ? AND listed", s -> s.setLong(1, id)) > 0;
    }

    private static Book book(ResultSet rs) throws SQLException {
        return new Book(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4), rs.getDouble(5));
    }
}
