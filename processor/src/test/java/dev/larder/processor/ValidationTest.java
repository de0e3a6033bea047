package dev.larder.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.larder.processor.Sources.assertError;
import static dev.larder.processor.Sources.catalog;
import static dev.larder.processor.Sources.compile;
import static dev.larder.processor.Sources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per error the processor reports: the message, its tag, and the line it points at. */
class ValidationTest {

    @Test
    void cachedOnVoidMethod() {
        assertError(
                catalog("  @Cached public void touch(int id) {}"),
                "[LarderVoidCached] com.acme.Catalog#touch(int): @Cached needs a method that returns a value",
                "void touch");
    }

    @Test
    void cachedPrivateMethod() {
        assertError(
                catalog("  @Cached private Book find(int id) { return null; }"),
                "[LarderNotOverridable] @Cached method find must not be private",
                "Book find");
    }

    @Test
    void cachedStaticMethod() {
        assertError(
                catalog("  @Cached static Book find(int id) { return null; }"),
                "@Cached method find must not be static",
                "Book find");
    }

    @Test
    void cachedFinalMethod() {
        assertError(
                catalog("  @Cached public final Book find(int id) { return null; }"),
                "@Cached method find must not be final",
                "Book find");
    }

    @Test
    void cachedMethodInFinalClass() {
        JavaFileObject source = source(
                "Catalog", "public final class Catalog {", "  @Cached public Book find(int id) { return null; }", "}");
        assertError(source, "is in final class Catalog: Larder generates a subclass; remove 'final'", "Book find");
    }

    @Test
    void classWithOnlyPrivateConstructors() {
        JavaFileObject source = source(
                "Catalog",
                "public class Catalog {",
                "  private Catalog() {}",
                "  @Cached public Book find(int id) { return null; }",
                "}");
        assertError(
                source,
                "[LarderConstructor] @Cached method find is in class Catalog, which has no non-private",
                "Book find");
    }

    @Test
    void keyNamesMissingParameter() {
        assertError(
                catalog("  @Cached(key = \"{isbn}\")", "  public Book find(int id) { return null; }"),
                "[LarderKeyTemplate] com.acme.Catalog#find(int): key template \"{isbn}\" names parameter 'isbn'",
                "key = \"{isbn}\"");
    }

    @Test
    void keyNamesMissingProperty() {
        assertError(
                catalog("  @Cached(key = \"{book.author.email}\")", "  public Book find(Book book) { return null; }"),
                "has no property 'email'",
                "key = \"{book.author.email}\"");
    }

    @Test
    void keyReadingAPrivateMemberOfThisIsRefusedInCompileTimeMode() {
        assertError(
                catalog(
                        "  private String name = \"\";",
                        "  @Cached(key = \"{this.name}:{id}\")",
                        "  public Book find(int id) { return null; }"),
                "[LarderKeyTemplate] com.acme.Catalog#find(int): key template \"{this.name}:{id}\" cannot read 'name'",
                "key = \"{this.name}:{id}\"");
    }

    @Test
    void keyTemplateMalformed() {
        assertError(
                catalog("  @Cached(key = \"{id\")", "  public Book find(int id) { return null; }"),
                "[LarderKeyTemplate] com.acme.Catalog#find(int): @Cached(key = \"{id\") is malformed",
                "key = \"{id\"");
    }

    @Test
    void resultInVoidWriteThrough() {
        assertError(
                catalog(
                        "  @WriteThrough(key = \"{result.isbn}\", value = \"{book}\")",
                        "  public void save(Book book) {}"),
                "[LarderNoResult]",
                "key = \"{result.isbn}\"");
    }

    @Test
    void resultInInvalidateBefore() {
        assertError(
                catalog(
                        "  @Invalidate(cache = \"books\", key = \"{result.isbn}\", before = true)",
                        "  public Book remove(int id) { return null; }"),
                "@Invalidate(before = true) removes the entry before the method runs",
                "before = true");
    }

    @Test
    void resultInWriteBehind() {
        assertError(
                catalog("  @WriteBehind(key = \"{result}\", value = \"{book}\")", "  public void save(Book book) {}"),
                "@WriteBehind stores the value before the method body runs",
                "key = \"{result}\"");
    }

    @Test
    void writeBehindOnNonVoidMethod() {
        assertError(
                catalog("  @WriteBehind(key = \"{book.isbn}\")", "  public Book save(Book book) { return book; }"),
                "[LarderWriteBehindNotVoid] com.acme.Catalog#save(Book): @WriteBehind needs a void method",
                "@WriteBehind");
    }

    @Test
    void valueCannotBeDefaulted() {
        assertError(
                catalog("  @WriteThrough(key = \"{id}\")", "  public void save(int id, Book book, Book previous) {}"),
                "[LarderValueDefault] com.acme.Catalog#save(int,Book,Book): @WriteThrough cannot tell which value to"
                        + " store",
                "@WriteThrough");
    }

    @Test
    void valueTemplateWithText() {
        assertError(
                catalog(
                        "  @WriteThrough(key = \"{id}\", value = \"v{book}\")",
                        "  public void save(int id, Book book) {}"),
                "[LarderValueTemplate]",
                "value = \"v{book}\"");
    }

    @Test
    void batchMethodMissing() {
        assertError(
                catalog(
                        "  @WriteBehind(key = \"{book.isbn}\", batchMethod = \"saveAll\")",
                        "  public void save(Book book) {}"),
                "[LarderBatchMethod] com.acme.Catalog#save(Book): @WriteBehind(batchMethod = \"saveAll\") must name a"
                        + " method of Catalog taking one Collection<com.acme.Book> or List<com.acme.Book>, but there"
                        + " is no non-private, non-static method saveAll",
                "batchMethod = \"saveAll\"");
    }

    @Test
    void batchMethodTakesWrongType() {
        assertError(
                catalog(
                        "  @WriteBehind(key = \"{book.isbn}\", batchMethod = \"saveAll\")",
                        "  public void save(Book book) {}",
                        "  public void saveAll(List<String> isbns) {}"),
                "saveAll takes [java.util.List<java.lang.String>]",
                "batchMethod = \"saveAll\"");
    }

    @Test
    void refreshAheadWithoutCached() {
        assertError(
                catalog("  @RefreshAhead", "  public Book find(int id) { return null; }"),
                "[LarderConflict] com.acme.Catalog#find(int): @RefreshAhead refreshes @Cached entries and needs @Cached",
                "Book find");
    }

    @Test
    void refreshAheadAtOutOfRange() {
        assertError(
                catalog("  @Cached @RefreshAhead(at = 1.5)", "  public Book find(int id) { return null; }"),
                "[LarderRefreshAhead] com.acme.Catalog#find(int): @RefreshAhead(at = 1.5) must be strictly between 0 and"
                        + " 1",
                "at = 1.5");
    }

    @Test
    void refreshAheadNegativeBeta() {
        assertError(
                catalog("  @Cached @RefreshAhead(beta = -1)", "  public Book find(int id) { return null; }"),
                "@RefreshAhead(beta = -1.0) must be 0 (off) or a finite positive number",
                "beta = -1");
    }

    @Test
    void ttlNotADuration() {
        assertError(
                catalog("  @Cached(ttl = \"10 minutes\")", "  public Book find(int id) { return null; }"),
                "[LarderDuration] com.acme.Catalog#find(int): @Cached(ttl = \"10 minutes\") is not a duration",
                "ttl = \"10 minutes\"");
    }

    @Test
    void delayNotADuration() {
        assertError(
                catalog("  @WriteBehind(key = \"{book.isbn}\", delay = \"soon\")", "  public void save(Book book) {}"),
                "@WriteBehind(delay = \"soon\") is not a duration",
                "delay = \"soon\"");
    }

    @Test
    void cacheDefaultsTtlNotADuration() {
        JavaFileObject source = source(
                "Catalog",
                "@CacheDefaults(ttl = \"forever\")",
                "public class Catalog {",
                "  @Cached public Book find(int id) { return null; }",
                "}");
        assertError(source, "@CacheDefaults(ttl = \"forever\") is not a duration", "ttl = \"forever\"");
    }

    @Test
    void ttlJitterNotAPercentage() {
        assertError(
                catalog(
                        "  @Cached(ttl = \"10m\", ttlJitter = \"150%\")",
                        "  public Book find(int id) { return null; }"),
                "[LarderTtlJitter] com.acme.Catalog#find(int): @Cached(ttlJitter = \"150%\") is not a TTL jitter:"
                        + " '150%' is not a percentage from 0% to 100%",
                "ttlJitter = \"150%\"");
    }

    @Test
    void cacheDefaultsTtlJitterNotAPercentage() {
        JavaFileObject source = source(
                "Catalog",
                "@CacheDefaults(ttlJitter = \"ten\")",
                "public class Catalog {",
                "  @Cached public Book find(int id) { return null; }",
                "}");
        assertError(source, "@CacheDefaults(ttlJitter = \"ten\") is not a TTL jitter", "ttlJitter = \"ten\"");
    }

    @Test
    void batchSizeBelowOne() {
        assertError(
                catalog("  @WriteBehind(key = \"{book.isbn}\", batchSize = 0)", "  public void save(Book book) {}"),
                "[LarderRange] com.acme.Catalog#save(Book): @WriteBehind(batchSize = 0) must be at least 1",
                "batchSize = 0");
    }

    @Test
    void maxRetriesNegative() {
        assertError(
                catalog("  @WriteBehind(key = \"{book.isbn}\", maxRetries = -1)", "  public void save(Book book) {}"),
                "@WriteBehind(maxRetries = -1) must be 0 or more",
                "maxRetries = -1");
    }

    @Test
    void invalidateAllWithKey() {
        assertError(
                catalog(
                        "  @Invalidate(cache = \"books\", all = true, key = \"{id}\")",
                        "  public void remove(int id) {}"),
                "[LarderInvalidateAll] com.acme.Catalog#remove(int): @Invalidate(all = true) removes every entry",
                "key = \"{id}\"");
    }

    @Test
    void cachedAndWriteThroughOnOneMethod() {
        assertError(
                catalog("  @Cached @WriteThrough(key = \"{id}\")", "  public Book load(int id) { return null; }"),
                "[LarderConflict] com.acme.Catalog#load(int): @Cached and @WriteThrough cannot be on one method",
                "Book load");
    }

    @Test
    void cachedAndInvalidateOnOneMethod() {
        assertError(
                catalog("  @Cached @Invalidate(cache = \"books\")", "  public Book load(int id) { return null; }"),
                "@Cached and @Invalidate cannot be on one method",
                "Book load");
    }

    @Test
    void finalOverrideOfInheritedAnnotatedMethod() {
        JavaFileObject repo = source("Repo", "public interface Repo {", "  @Cached Book find(int id);", "}");
        JavaFileObject impl = source(
                "RepoImpl",
                "public class RepoImpl implements Repo {",
                "  public final Book find(int id) { return null; }",
                "}");
        Compilation compilation = compile(repo, impl);
        assertThat(compilation)
                .hadErrorContaining("find overrides a method with Larder annotations in Repo and must not be final")
                .inFile(impl)
                .onLineContaining("Book find");
    }

    @Test
    void oneBadMethodDoesNotHideAnother() {
        JavaFileObject source = catalog(
                "  @Cached(ttl = \"later\") public Book find(int id) { return null; }",
                "  @Cached(key = \"{nope}\") public Book byIsbn(String isbn) { return null; }");
        Compilation compilation = compile(source);
        assertThat(compilation)
                .hadErrorContaining("is not a duration")
                .inFile(source)
                .onLineContaining("later");
        assertThat(compilation)
                .hadErrorContaining("names parameter 'nope'")
                .inFile(source)
                .onLineContaining("nope");
    }

    @Test
    void tagNamesMissingParameter() {
        assertError(
                catalog("  @Cached(tags = \"author:{authorId}\")", "  public Book find(int id) { return null; }"),
                "[LarderKeyTemplate] com.acme.Catalog#find(int): key template \"author:{authorId}\" names parameter"
                        + " 'authorId'",
                "tags = \"author:{authorId}\"");
    }

    @Test
    void tagNamesMissingPropertyOfResult() {
        assertError(
                catalog(
                        "  @Cached(",
                        "      tags = {\"catalogue\", \"publisher:{result.publisher}\"})",
                        "  public Book find(int id) { return null; }"),
                "has no property 'publisher'",
                "tags = {");
    }

    @Test
    void tagResultInInvalidateBefore() {
        assertError(
                catalog(
                        "  @Invalidate(tags = \"isbn:{result.isbn}\", before = true)",
                        "  public Book remove(int id) { return null; }"),
                "[LarderNoResult]",
                "tags = \"isbn:{result.isbn}\"");
    }

    @Test
    void tagReadingThisIsRefused() {
        assertError(
                catalog("  @Cached(tags = \"{this.name}\")", "  public Book find(int id) { return null; }"),
                "a tag is rendered from the parameters and the result only",
                "tags = \"{this.name}\"");
    }

    @Test
    void emptyTag() {
        assertError(
                catalog("  @Cached(tags = {\"catalogue\", \"\"})", "  public Book find(int id) { return null; }"),
                "[LarderTag] com.acme.Catalog#find(int): @Cached(tags) has an empty tag",
                "tags = {");
    }

    @Test
    void invalidateWithoutCacheOrTags() {
        assertError(
                catalog("  @Invalidate", "  public void touch(int id) {}"),
                "[LarderCacheName] com.acme.Catalog#touch(int): @Invalidate(cache = \"\") names no cache",
                "@Invalidate");
    }

    @Test
    void invalidateKeyWithTagsOnlyNeedsCache() {
        assertError(
                catalog("  @Invalidate(key = \"{id}\", tags = \"book:{id}\")", "  public void touch(int id) {}"),
                "@Invalidate(key = \"{id}\") needs the cache it removes from, but cache is not set",
                "@Invalidate(key");
    }

    @Test
    void refreshAheadWithTags() {
        assertError(
                catalog(
                        "  @Cached(tags = \"book:{id}\")",
                        "  @RefreshAhead",
                        "  public Book find(int id) { return null; }"),
                "@RefreshAhead cannot refresh tagged entries",
                "tags = \"book:{id}\"");
    }
}
