package dev.larder.samples;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jspecify.annotations.Nullable;

/**
 * The shop's embedded H2 database, in memory, with its schema and seed data created on start. Every statement the
 * application runs goes through {@link #read}, {@link #write} or {@link #batch}, which count it in {@link #queries()}.
 * Thread-safe: each call takes a pooled connection.
 */
public final class Database implements AutoCloseable {
    /** Per thread, the time spent in statements so far; one slot, so reading it allocates nothing. */
    private static final ThreadLocal<long[]> SPENT = ThreadLocal.withInitial(() -> new long[1]);

    private static final String SCHEMA = """
            CREATE TABLE authors (
                id INT PRIMARY KEY,
                name VARCHAR(100) NOT NULL UNIQUE
            );
            CREATE TABLE books (
                id BIGINT PRIMARY KEY,
                title VARCHAR(200) NOT NULL,
                author_id INT NOT NULL REFERENCES authors(id),
                price DECIMAL(8, 2) NOT NULL,
                rating DOUBLE NOT NULL,
                views BIGINT DEFAULT 0 NOT NULL,
                listed BOOLEAN DEFAULT TRUE NOT NULL
            );
            CREATE INDEX books_by_author ON books(author_id, listed);
            """;

    private final JdbcConnectionPool pool;
    private final QueryCounter queries = new QueryCounter();

    private Database(JdbcConnectionPool pool) {
        this.pool = pool;
    }

    /**
     * Creates an in-memory database, its schema and its seed data.
     *
     * @param name a name unique in this JVM: two databases of one name would be one
     * @param maxConnections the pool size; at least the number of threads using the database
     */
    public static Database create(String name, CatalogueSeed seed, int maxConnections) {
        Objects.requireNonNull(seed, "seed");
        JdbcConnectionPool pool =
                JdbcConnectionPool.create("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", "");
        pool.setMaxConnections(maxConnections);
        Database database = new Database(pool);
        try (Connection c = pool.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP ALL OBJECTS");
                s.execute(SCHEMA);
            }
            insertSeed(c, seed);
        } catch (SQLException e) {
            pool.dispose();
            throw new DatabaseException("creating database " + name, e);
        }
        return database;
    }

    private static void insertSeed(Connection c, CatalogueSeed seed) throws SQLException {
        try (PreparedStatement authors = c.prepareStatement("INSERT INTO authors(id, name) VALUES (?, ?)")) {
            List<String> names = seed.authors();
            for (int i = 0; i < names.size(); i++) {
                authors.setInt(1, i);
                authors.setString(2, names.get(i));
                authors.addBatch();
            }
            authors.executeBatch();
        }
        try (PreparedStatement books =
                c.prepareStatement("INSERT INTO books(id, title, author_id, price, rating) VALUES (?, ?, ?, ?, ?)")) {
            for (CatalogueSeed.Row row : seed.books()) {
                books.setLong(1, row.id());
                books.setString(2, row.title());
                books.setInt(3, row.authorId());
                books.setBigDecimal(4, row.price());
                books.setDouble(5, row.rating());
                books.addBatch();
            }
            books.executeBatch();
        }
    }

    /**
     * Nanoseconds the calling thread has spent in this class's statements so far, every database counted: the workload
     * subtracts two readings to tell a request's time in the database from the rest of it.
     */
    static long nanosOnThisThread() {
        return SPENT.get()[0];
    }

    private static void spent(long since) {
        SPENT.get()[0] += System.nanoTime() - since;
    }

    /** Runs a query that answers a read, counted as a read. */
    public <T> T read(String sql, Binder binder, RowsMapper<T> mapper) {
        queries.read();
        long began = System.nanoTime();
        try {
            return query(sql, binder, mapper);
        } finally {
            spent(began);
        }
    }

    /**
     * Runs one query that answers a read of many keys at once (a bulk lookup), counted as one read and as {@code keys}
     * keys read in bulk.
     */
    public <T> T readMany(String sql, int keys, Binder binder, RowsMapper<T> mapper) {
        queries.readMany(keys);
        long began = System.nanoTime();
        try {
            return query(sql, binder, mapper);
        } finally {
            spent(began);
        }
    }

    /**
     * Runs an update and then a query that reads back what it wrote, in one transaction, both counted as writes.
     *
     * @return the mapper's result, or {@code null} when the update changed no row
     */
    public <T> @Nullable T write(
            String update, Binder updateBinder, String readBack, Binder readBinder, RowsMapper<T> mapper) {
        long began = System.nanoTime();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                queries.write();
                int changed;
                try (PreparedStatement s = c.prepareStatement(update)) {
                    updateBinder.bind(s);
                    changed = s.executeUpdate();
                }
                @Nullable T result = null;
                if (changed > 0) {
                    queries.write();
                    result = run(c, readBack, readBinder, mapper);
                }
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException(update, e);
        } finally {
            spent(began);
        }
    }

    /** Runs one update statement, counted as a write; returns the rows changed. */
    public int write(String update, Binder binder) {
        queries.write();
        long began = System.nanoTime();
        try (Connection c = pool.getConnection();
                PreparedStatement s = c.prepareStatement(update)) {
            binder.bind(s);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException(update, e);
        } finally {
            spent(began);
        }
    }

    /** Runs one JDBC batch of an update over the items, counted as one batch. */
    public <T> void batch(String update, List<T> items, ItemBinder<T> binder) {
        if (items.isEmpty()) {
            return;
        }
        queries.batch(items.size());
        try (Connection c = pool.getConnection();
                PreparedStatement s = c.prepareStatement(update)) {
            for (T item : items) {
                binder.bind(s, item);
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new DatabaseException(update, e);
        }
    }

    /** The statements run so far through this database's counted methods. */
    public QueryCounter queries() {
        return queries;
    }

    /** Every book's state as stored, by id, for checking; not counted as application queries. */
    public Map<Long, StoredBook> storedBooks() {
        return query("SELECT id, price, views, listed, author_id FROM books ORDER BY id", s -> {}, rs -> {
            Map<Long, StoredBook> books = new TreeMap<>();
            while (rs.next()) {
                books.put(
                        rs.getLong(1),
                        new StoredBook(
                                rs.getLong(1), rs.getBigDecimal(2), rs.getLong(3), rs.getBoolean(4), rs.getInt(5)));
            }
            return books;
        });
    }

    private <T> T query(String sql, Binder binder, RowsMapper<T> mapper) {
        try (Connection c = pool.getConnection()) {
            return run(c, sql, binder, mapper);
        } catch (SQLException e) {
            throw new DatabaseException(sql, e);
        }
    }

    private static <T> T run(Connection c, String sql, Binder binder, RowsMapper<T> mapper) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet rs = s.executeQuery()) {
                return mapper.map(rs);
            }
        }
    }

    /** Closes the pool and drops the in-memory database. */
    @Override
    public void close() {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new DatabaseException("SHUTDOWN", e);
        } finally {
            pool.dispose();
        }
    }

    /** Reads every row of a result set into a list. */
    public static <T> List<T> list(ResultSet rs, RowMapper<T> row) throws SQLException {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
            rows.add(row.map(rs));
        }
        return rows;
    }

    /**
     * A book's stored state.
     *
     * @param id the id
     * @param price the price
     * @param views the view counter
     * @param listed whether it is on sale
     * @param authorId the author it is credited to
     */
    public record StoredBook(long id, BigDecimal price, long views, boolean listed, int authorId) {}

    /** Sets a statement's parameters. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Sets a statement's parameters from one item of a batch. */
    @FunctionalInterface
    public interface ItemBinder<T> {
        void bind(PreparedStatement statement, T item) throws SQLException;
    }

    /** Maps a whole result set. */
    @FunctionalInterface
    public interface RowsMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    /** Maps the current row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** A failed statement, with the SQL that failed. */
    public static final class DatabaseException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DatabaseException(String what, SQLException cause) {
            super("database failed on " + what + ": " + cause.getMessage(), cause);
        }
    }
}
