package dev.larder.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.larder.processor.Sources.compile;
import static dev.larder.processor.Sources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The errors the processor reports for {@code @CachedAll}, and the code it generates for a valid one. */
class CachedAllValidationTest {

    private static JavaFileObject catalog(String... members) {
        String[] lines = new String[members.length + 3];
        lines[0] = "public class Catalog {";
        lines[1] = "  public Catalog() {}";
        System.arraycopy(members, 0, lines, 2, members.length);
        lines[lines.length - 1] = "}";
        return source("Catalog", lines);
    }

    private static void assertError(JavaFileObject source, String message, String line) {
        Compilation compilation = compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    }

    @Test
    void resultNotAMap() {
        assertError(
                catalog("  @CachedAll public List<Book> findAll(Set<Long> ids) { return null; }"),
                "[LarderCachedAll] com.acme.Catalog#findAll(Set): @CachedAll needs a method returning a Map from key"
                        + " to value, such as Map<Long, Book>, but findAll returns",
                "findAll(Set<Long> ids)");
    }

    @Test
    void noKeyCollection() {
        assertError(
                catalog("  @CachedAll public Map<Long, Book> findAll(long id) { return null; }"),
                "[LarderCachedAll] com.acme.Catalog#findAll(long): @CachedAll needs exactly one parameter that is a"
                        + " Collection, Set or List of keys, but findAll takes none",
                "findAll(long id)");
    }

    @Test
    void twoKeyCollections() {
        assertError(
                catalog("  @CachedAll public Map<Long, Book> findAll(Set<Long> ids, List<Long> more) { return null; }"),
                "but findAll takes 2: [ids, more]",
                "findAll(Set<Long> ids");
    }

    @Test
    void resultKeysAreNotTheElements() {
        assertError(
                catalog("  @CachedAll public Map<String, Book> findAll(Set<Long> ids) { return null; }"),
                "@CachedAll needs the keys of the result to be the elements of ids, but the result's keys are"
                        + " java.lang.String and the elements are java.lang.Long",
                "findAll(Set<Long> ids)");
    }

    @Test
    void keyTemplateWithoutTheElement() {
        assertError(
                catalog(
                        "  @CachedAll(key = \"{shop}\")",
                        "  public Map<Long, Book> findAll(String shop, Set<Long> ids) { return null; }"),
                "[LarderKeyTemplate] com.acme.Catalog#findAll(String,Set): @CachedAll(key = \"{shop}\") must name"
                        + " {ids}, which stands for one key of the collection, exactly once and without properties",
                "key = \"{shop}\"");
    }

    @Test
    void keyTemplateNamingAMissingParameter() {
        assertError(
                catalog(
                        "  @CachedAll(key = \"{shelf}:{ids}\")",
                        "  public Map<Long, Book> findAll(String shop, Set<Long> ids) { return null; }"),
                "[LarderKeyTemplate]",
                "key = \"{shelf}:{ids}\"");
    }

    @Test
    void cachedAllWithCached() {
        assertError(
                catalog("  @Cached @CachedAll public Map<Long, Book> findAll(Set<Long> ids) { return null; }"),
                "@Cached and @CachedAll cannot be on one method: keep one of them",
                "findAll(Set<Long> ids)");
    }

    @Test
    void cachedAllWithRefreshAhead() {
        assertError(
                catalog("  @CachedAll @RefreshAhead public Map<Long, Book> findAll(Set<Long> ids) { return null; }"),
                "@RefreshAhead refreshes @Cached entries and needs @Cached on the same method",
                "findAll(Set<Long> ids)");
    }

    @Test
    void validBulkLookupsCompileWithoutWarnings() {
        Compilation compilation = compile(catalog(
                "  @Cached(cache = \"books\") public Book find(long id) { return null; }",
                "  @CachedAll(cache = \"books\") public Map<Long, Book> findAll(Set<Long> ids) { return null; }",
                "  @CachedAll(cache = \"books\") public Map<Long, Book> findList(List<Long> ids) { return null; }",
                "  @CachedAll(cache = \"shop\", key = \"{ids}@{shop}\", cacheNull = true, ttl = \"1h\")",
                "  public Map<Integer, Book> inShop(String shop, Collection<? extends Integer> ids) { return null; }"));
        assertThat(compilation).succeededWithoutWarnings();
    }
}
