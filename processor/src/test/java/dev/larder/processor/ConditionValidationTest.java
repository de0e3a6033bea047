package dev.larder.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.larder.processor.Sources.assertError;
import static dev.larder.processor.Sources.catalog;
import static dev.larder.processor.Sources.compile;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** The errors of {@code condition} and {@code unless}, on the attribute, and the forms that compile warning-free. */
class ConditionValidationTest {

    @Test
    void conditionNamingNoMethodSuggestsTheNearest() {
        assertError(
                catalog(
                        "  @Cached(condition = \"isSavd\")",
                        "  public Book find(Long id) { return null; }",
                        "  boolean isSaved(Long id) { return id != null; }"),
                "[LarderCondition] com.acme.Catalog#find(Long): @Cached(condition = \"isSavd\") must name a boolean"
                        + " method of Catalog taking (java.lang.Long), neither private nor static, declaring no"
                        + " checked exception, but there is no method isSavd; did you mean isSaved?",
                "condition = \"isSavd\"");
    }

    @Test
    void conditionTakingOtherParameters() {
        assertError(
                catalog(
                        "  @Cached(condition = \"isSaved\")",
                        "  public Book find(Long id, String tenant) { return null; }",
                        "  boolean isSaved(Long id) { return id != null; }"),
                "but there is only isSaved(java.lang.Long)",
                "condition = \"isSaved\"");
    }

    @Test
    void conditionNotReturningBoolean() {
        assertError(
                catalog(
                        "  @Cached(condition = \"isSaved\")",
                        "  public Book find(Long id) { return null; }",
                        "  Boolean isSaved(Long id) { return id != null; }"),
                "but isSaved returns java.lang.Boolean",
                "condition = \"isSaved\"");
    }

    @Test
    void privateCondition() {
        assertError(
                catalog(
                        "  @WriteThrough(key = \"{id}\", value = \"{book}\", condition = \"isSaved\")",
                        "  public void save(Long id, Book book) {}",
                        "  private boolean isSaved(Long id, Book book) { return id != null; }"),
                "@WriteThrough(condition = \"isSaved\") must name a boolean method of Catalog taking (java.lang.Long,"
                        + " com.acme.Book), neither private nor static, declaring no checked exception, but isSaved is"
                        + " private",
                "condition = \"isSaved\"");
    }

    @Test
    void staticCondition() {
        assertError(
                catalog(
                        "  @Invalidate(cache = \"books\", key = \"{id}\", condition = \"isSaved\")",
                        "  public void remove(Long id) {}",
                        "  static boolean isSaved(Long id) { return id != null; }"),
                "but isSaved is static",
                "condition = \"isSaved\"");
    }

    @Test
    void conditionThrowingACheckedException() {
        assertError(
                catalog(
                        "  @WriteBehind(key = \"{id}\", value = \"{book}\", condition = \"isSaved\")",
                        "  public void save(Long id, Book book) {}",
                        "  boolean isSaved(Long id, Book book) throws IOException { return id != null; }"),
                "but isSaved declares a checked exception",
                "condition = \"isSaved\"");
    }

    @Test
    void unlessTakingNeitherTheResultNorTheParametersAndTheResult() {
        assertError(
                catalog(
                        "  @Cached(unless = \"isEmpty\")",
                        "  public Book find(int id) { return null; }",
                        "  boolean isEmpty(int id) { return false; }"),
                "[LarderCondition] com.acme.Catalog#find(int): @Cached(unless = \"isEmpty\") must name a boolean"
                        + " method of Catalog taking (com.acme.Book) or (int, com.acme.Book), neither private nor"
                        + " static, declaring no checked exception, but there is only isEmpty(int)",
                "unless = \"isEmpty\"");
    }

    @Test
    void unlessOnAFuture() {
        assertError(
                catalog(
                        "  @Cached(unless = \"isEmpty\")",
                        "  public CompletableFuture<Book> find(int id) { return null; }",
                        "  boolean isEmpty(CompletableFuture<Book> book) { return false; }"),
                "@Cached(unless) cannot be used on a method returning a future",
                "unless = \"isEmpty\"");
    }

    @Test
    void unlessWithRefreshAhead() {
        assertError(
                catalog(
                        "  @Cached(unless = \"isEmpty\") @RefreshAhead",
                        "  public Book find(int id) { return null; }",
                        "  boolean isEmpty(Book book) { return book == null; }"),
                "@Cached(unless) cannot be used with @RefreshAhead",
                "unless = \"isEmpty\"");
    }

    @Test
    void everyFormCompilesWithoutWarnings() {
        Compilation compilation = compile(catalog(
                "  @Cached(condition = \"isSaved\", unless = \"isEmpty\")",
                "  public Optional<Book> find(Long id) { return Optional.empty(); }",
                "  boolean isSaved(Long id) { return id != null; }",
                "  boolean isEmpty(Long id, Optional<Book> book) { return book.isEmpty(); }",
                "  @Cached(unless = \"isZero\")",
                "  public <T extends Comparable<T>> int count(List<T> shelf) { return shelf.size(); }",
                "  boolean isZero(int count) { return count == 0; }",
                "  @WriteBehind(key = \"{id}\", value = \"{book}\", condition = \"isSaved\")",
                "  public void save(Long id, Book book) {}",
                "  protected boolean isSaved(Long id, Book book) { return id != null; }",
                "  @Invalidate(cache = \"Catalog.find\", key = \"{id}\", condition = \"isSaved\", before = true)",
                "  @Invalidate(cache = \"books\", key = \"{id}\")",
                "  @WriteThrough(cache = \"other\", key = \"{id}\", value = \"{book}\", condition = \"isSaved\")",
                "  public void replace(Long id, Book book) {}"));
        assertThat(compilation).succeededWithoutWarnings();
    }
}
