package dev.larder.samples;

import dev.larder.annotation.CacheDefaults;
import dev.larder.annotation.Cached;
import dev.larder.annotation.CachedAll;
import dev.larder.annotation.Invalidate;
import dev.larder.annotation.RefreshAhead;
import dev.larder.annotation.WriteBehind;
import dev.larder.annotation.WriteThrough;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The bookshop's catalogue service with Larder's annotations; the SQL is in {@link CatalogQueries}, which it delegates
 * to. How the annotations apply depends on the mode the application runs in:
 *
 * <ul>
 *   <li>compile time: the processor generates {@code Catalog_Cached extends Catalog}; {@code new Catalog_Cached(db)}
 *       is cached, {@code new Catalog(db)} is not;
 *   <li>build time ({@code larder-maven-plugin}'s {@code weave}) and load time ({@code -javaagent}): this class itself
 *       is woven, and {@code new Catalog(db)} is cached.
 * </ul>
 *
 * What the annotations do:
 *
 * <ul>
 *   <li>{@link #findBook} is read-through with refresh-ahead: hot books are reloaded in the background before they
 *       expire, so readers of a popular book never wait for the database;
 *   <li>{@link #findBooks} is a bulk lookup of a page of books: the cached books come from the {@code books} cache
 *       key by key, the same entries {@link #findBook} reads, and the rest in one query;
 *   <li>{@link #searchByAuthor} is keyed by two properties of its {@link SearchQuery}, and its pages, like the
 *       author's page ({@link #authorBooks}), are tagged with the author, so that {@link #moveBook} drops every page
 *       of both authors it touches, in both caches, without knowing their keys;
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
public class Catalog implements Bookshop {
    private final CatalogQueries queries;

    public Catalog(Database database) {
        this.queries = new CatalogQueries(Objects.requireNonNull(database, "database"));
    }

    /**
     * A listed book, or {@code null} when there is no such book or it was delisted. Null is cached too, so a delisted
     * book that is still linked from everywhere does not send every visit to the database.
     */
    @Override
    @Cached(cacheNull = true)
    @RefreshAhead(at = 0.8)
    public @Nullable Book findBook(long id) {
        return queries.findBook(id);
    }

    /**
     * The listed books among {@code ids}, in the order asked: a page of a listing. Each book is an entry of the {@code
     * books} cache, shared with {@link #findBook}; only the ids not cached reach the database, in one query.
     */
    @Override
    @CachedAll(cache = "books", cacheNull = true)
    public Map<Long, Book> findBooks(List<Long> ids) {
        return queries.findBooks(ids);
    }

    /** One page of an author's listed books, best rated first. */
    @Override
    @Cached(cache = "authorSearch", key = "{query.author}:{query.page}", ttl = "1m", tags = "author:{query.authorId}")
    public List<BookSummary> searchByAuthor(SearchQuery query) {
        return queries.searchByAuthor(query);
    }

    /** Every listed book of an author, best rated first: the author's page, tagged with the author. */
    @Override
    @Cached(cache = "authorBooks", ttl = "1m", tags = "author:{authorId}")
    public List<BookSummary> authorBooks(long authorId) {
        return queries.authorBooks(authorId);
    }

    /**
     * Credits a listed book to another author. The book's entry goes (it names its author), and so does every entry
     * tagged with either author: both authors' pages and search pages.
     */
    @Override
    @Invalidate(
            cache = "books",
            key = "{bookId}",
            tags = {"author:{fromAuthorId}", "author:{toAuthorId}"})
    public boolean moveBook(long bookId, long fromAuthorId, long toAuthorId) {
        return queries.moveBook(bookId, fromAuthorId, toAuthorId);
    }

    /**
     * Sets a listed book's price and returns the book as it is now, or {@code null} when it is not listed (nothing is
     * changed then).
     */
    @Override
    @WriteThrough(key = "{id}", value = "{result}")
    public @Nullable Book updatePrice(long id, BigDecimal price) {
        return queries.updatePrice(id, price);
    }

    /** How often a book was viewed. Cached without expiry: the cache is the live counter, the database catches up. */
    @Override
    @Cached(cache = "views", ttl = "0")
    public ViewCount views(long id) {
        return queries.views(id);
    }

    /**
     * Stores a book's new view total. With Larder the call returns at once and the totals of many books are written
     * later, one JDBC batch through {@link #saveViews}; without, each call is an update.
     */
    @Override
    @WriteBehind(
            cache = "views",
            key = "{id}",
            value = "{count}",
            ttl = "0",
            delay = "250ms",
            batchSize = 500,
            batchMethod = "saveViews")
    public void recordView(long id, ViewCount count) {
        queries.recordView(id, count);
    }

    /** Stores many view totals in one JDBC batch. */
    public void saveViews(List<ViewCount> counts) {
        queries.saveViews(counts);
    }

    /** Takes a book off sale; returns whether it was listed. Its cached page and every cached search page go. */
    @Override
    @Invalidate(cache = "books", key = "{id}")
    @Invalidate(cache = "authorSearch", all = true)
    public boolean delist(long id) {
        return queries.delist(id);
    }
}
