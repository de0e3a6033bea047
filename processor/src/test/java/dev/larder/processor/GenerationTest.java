package dev.larder.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.larder.processor.Sources.compile;
import static dev.larder.processor.Sources.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** What matters in generated sources: they compile cleanly and have the right shape. */
class GenerationTest {

    static JavaFileObject catalog() {
        return source(
                "Catalog",
                "public class Catalog {",
                "  public Catalog() {}",
                "  protected <T> Catalog(String name, int... sizes) throws IOException {}",
                "  @Cached public Book find(int id) throws IOException { return null; }",
                "  @Cached(ttl = \"5m\") public Book find(String isbn) { return null; }",
                "  @Cached(key = \"{book.author.name}\") public int count(Book book) { return 1; }",
                "  @Cached public Optional<Book> maybe(String isbn) { return Optional.empty(); }",
                "  @Cached public CompletableFuture<Book> later(String isbn) { return null; }",
                "  @Cached public <T extends Book> List<T> tagged(T probe, String... tags) { return null; }",
                "  @Cached public long[] sizes(String[] names) { return null; }",
                "  @WriteBehind(key = \"{b.isbn}\", batchMethod = \"saveAll\") public void save(Book b) {}",
                "  public void saveAll(List<Book> b) {}",
                "  @WriteThrough(key = \"{result.isbn}\") public Book update(Book b) { return b; }",
                "  @Invalidate(cache = \"Catalog.find(int)\") public void remove(int id) {}",
                "  @Invalidate(cache = \"Catalog.find(String)\", key = \"{result.isbn}\")",
                "  @Invalidate(cache = \"all\", all = true, before = true)",
                "  public Book removeBook(String isbn) { return null; }",
                "  public static class Shelf { @Cached public String label(long id) { return \"\"; } }",
                "}");
    }

    static String generated(Compilation compilation, String qualifiedName) {
        Optional<JavaFileObject> file =
                compilation.generatedFile(StandardLocation.SOURCE_OUTPUT, qualifiedName.replace('.', '/') + ".java");
        assertThat(file).as(qualifiedName).isPresent();
        try {
            return file.get().getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void catalogCompilesWithoutWarnings() {
        Compilation compilation = compile(catalog());
        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void generatedCodeUsesNoReflection() {
        String code = generated(compile(catalog()), "com.acme.Catalog_Cached");
        assertThat(code).doesNotContain("java.lang.reflect", "getMethod", "invoke(");
    }

    @Test
    void subclassExtendsTheClassAndKeepsItsConstructors() {
        String code = generated(compile(catalog()), "com.acme.Catalog_Cached");
        assertThat(code)
                .contains("@Generated(\"dev.larder.processor.LarderProcessor\")")
                .contains("public class Catalog_Cached extends Catalog {")
                .contains("public Catalog_Cached() {")
                .contains("protected <T> Catalog_Cached(String name, int... sizes) throws IOException {")
                .contains("super(name, sizes);");
    }

    @Test
    void overloadsGetDistinctDefaultCacheNames() {
        String code = generated(compile(catalog()), "com.acme.Catalog_Cached");
        assertThat(code)
                .contains("\"com.acme.Catalog#find(int)\", \"Catalog.find(int)\"")
                .contains(
                        "\"com.acme.Catalog#find(String)\", \"Catalog.find(String)\", \"{isbn}\", Duration.ofMinutes(5)")
                .contains("\"Catalog.count\"");
    }

    @Test
    void cachedSpecsCarryTheReturnTypeAsTheRuntimeNamesIt() {
        Compilation compilation = compile(catalog());
        String code = generated(compilation, "com.acme.Catalog_Cached");
        assertThat(code)
                .contains("0.0, 0.0, \"com.acme.Book\", (Double) null")
                .contains("0.0, 0.0, \"int\", (Double) null")
                .contains("0.0, 0.0, \"java.util.Optional<com.acme.Book>\", (Double) null")
                .contains("0.0, 0.0, \"java.util.concurrent.CompletableFuture<com.acme.Book>\", (Double) null")
                .contains("0.0, 0.0, \"long[]\", (Double) null")
                .as("a type variable is known only to the caller")
                .contains("0.0, 0.0, \"\", (Double) null");
        assertThat(generated(compilation, "com.acme.Catalog_Shelf_Cached"))
                .as("binary names for nested types")
                .contains("0.0, 0.0, \"java.lang.String\", (Double) null");
    }

    @Test
    void cachedMethodFollowsTheHandleProtocol() {
        String code = generated(compile(catalog()), "com.acme.Catalog_Cached");
        assertThat(code)
                .contains("public Book find(int id) throws IOException {")
                .contains("Object key = FIND.key(id);")
                .contains("Object value = FIND.get(key);")
                .contains("if (value == CachedHandle.MISS) {")
                .as("the miss path is a private method of its own, so callers inline only the hit")
                .contains("value = find$larder$miss(key, id);")
                .contains("private Object find$larder$miss(Object key, int id) {")
                .contains("return FIND.load(this, key, () -> super.find(id));")
                .contains("return (Book) value;")
                .contains("return (Integer) value;")
                .contains("ResultKind.OPTIONAL")
                .contains("ResultKind.FUTURE")
                .contains("SIZES.key((Object) names)");
    }

    @Test
    void twoPartKeysPassAnIntOrLongFirstUnboxedAndBoxEveryOtherPrimitive() {
        Compilation compilation = compile(source(
                "Grid",
                "public class Grid {",
                "  @Cached public String cell(int row, String column) { return \"\"; }",
                "  @Cached public String wide(long row, int column) { return \"\"; }",
                "  @Cached public String narrow(short row, String column) { return \"\"; }",
                "  @Cached public String letter(char row, byte column) { return \"\"; }",
                "  @Cached public String named(String row, int column) { return \"\"; }",
                "}"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(generated(compilation, "com.acme.Grid_Cached"))
                .contains("CELL.key(row, column)")
                .contains("WIDE.key(row, (Object) column)")
                .contains("NARROW.key((Object) row, column)")
                .contains("LETTER.key((Object) row, (Object) column)")
                .contains("NAMED.key(row, (Object) column)");
    }

    @Test
    void propertyPathsBecomeNullSafeHelpers() {
        String code = generated(compile(catalog()), "com.acme.Catalog_Cached");
        assertThat(code)
                .contains("Object key = COUNT.key(nameOf(book));")
                .contains("private static Object nameOf(Book root) {")
                .contains("var v1 = root.getAuthor();")
                .contains("return v1.name();");
    }

    @Test
    void writeOperationsRunInOrder() {
        String code = generated(compile(catalog()), "com.acme.Catalog_Cached");
        assertThat(code)
                .contains("SAVE.write(this, key, b, () -> super.save(b));")
                .contains("(target, values) -> ((Catalog) target).saveAll((List<Book>) (List<?>) values)")
                .containsSubsequence("Book result = super.update(b);", "UPDATE.put(key, result);", "return result;")
                .containsSubsequence(
                        "REMOVE_BOOK_INVALIDATE.invalidateAll();",
                        "Book result = super.removeBook(isbn);",
                        "REMOVE_BOOK_INVALIDATE2.invalidate(REMOVE_BOOK_INVALIDATE2.key(isbnOf(result)));")
                .containsSubsequence("super.remove(id);", "REMOVE_INVALIDATE.invalidate(REMOVE_INVALIDATE.key(id));");
    }

    @Test
    void nestedStaticTypeGetsTopLevelGeneratedType() {
        String code = generated(compile(catalog()), "com.acme.Catalog_Shelf_Cached");
        assertThat(code).contains("class Catalog_Shelf_Cached extends Catalog.Shelf {");
    }

    @Test
    void interfaceGetsWrapperDelegatingEveryMethod() {
        JavaFileObject repo = source(
                "Repo",
                "public interface Repo<T> {",
                "  @Cached(cache = \"repo\") T get(String id) throws IOException;",
                "  void put(String id, T value);",
                "  default int size() { return 0; }",
                "  @Cached default String describe(T value, int depth) { return \"\"; }",
                "}");
        Compilation compilation = compile(repo);
        assertThat(compilation).succeededWithoutWarnings();
        String code = generated(compilation, "com.acme.Repo_Cached");
        assertThat(code)
                .contains("public class Repo_Cached<T> implements Repo<T> {")
                .contains("public static <T> Repo_Cached<T> wrap(Repo<T> delegate) {")
                .contains("Objects.requireNonNull(delegate, \"delegate\")")
                .contains("GET.load(this, key, () -> this.delegate.get(id))")
                .contains("this.delegate.put(id, value);")
                .contains("return this.delegate.size();")
                .contains("Object value2 = DESCRIBE.get(key);");
    }

    @Test
    void annotationsOnInterfaceAndSuperclassApplyToImplementations() {
        JavaFileObject repo = source("Repo", "public interface Repo {", "  @Cached Book find(int id);", "}");
        JavaFileObject base = source(
                "Base",
                "public abstract class Base implements Repo {",
                "  @Cached(cache = \"titles\") public String title(int id) { return \"\"; }",
                "}");
        JavaFileObject impl = source(
                "RepoImpl",
                "public class RepoImpl extends Base {",
                "  @Override public Book find(int number) { return null; }",
                "  @Override public String title(int id) { return \"t\"; }",
                "}");
        Compilation compilation = compile(repo, base, impl);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation.generatedFile(StandardLocation.SOURCE_OUTPUT, "com/acme/Base_Cached.java"))
                .as("abstract classes get no generated class")
                .isEmpty();
        String code = generated(compilation, "com.acme.RepoImpl_Cached");
        assertThat(code)
                .contains("\"com.acme.Repo#find(int)\", \"Repo.find\", \"{id}\"")
                .contains("public Book find(int id) {")
                .contains("\"com.acme.Base#title(int)\", \"titles\"");
    }

    @Test
    void genericClassKeepsItsTypeParameters() {
        JavaFileObject store = source(
                "Store",
                "public class Store<K extends Comparable<K>, V> {",
                "  @Cached(key = \"{key}\") public V get(K key) { return null; }",
                "  @Cached public <R> Map<K, R> map(List<? extends V> values) { return null; }",
                "}");
        Compilation compilation = compile(store);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(generated(compilation, "com.acme.Store_Cached"))
                .contains("class Store_Cached<K extends Comparable<K>, V> extends Store<K, V> {")
                .contains("public <R> Map<K, R> map(List<? extends V> values) {");
    }

    @Test
    void cacheDefaultsApplyToMethodsWithoutTheirOwn() {
        JavaFileObject source = source(
                "Catalog",
                "@CacheDefaults(cache = \"books\", ttl = \"1h\")",
                "public class Catalog {",
                "  @Cached public Book find(int id) { return null; }",
                "  @Cached(cache = \"other\", ttl = \"2m\") public Book other(int id) { return null; }",
                "}");
        String code = generated(compile(source), "com.acme.Catalog_Cached");
        assertThat(code)
                .contains("\"books\", \"{id}\", Duration.ofHours(1)")
                .contains("\"other\", \"{id}\", Duration.ofMinutes(2)");
    }

    @Test
    void parameterNamedLikeALocalDoesNotClash() {
        JavaFileObject source = source(
                "Catalog",
                "public class Catalog {",
                "  @Cached public String find(String key, String value) { return null; }",
                "  @WriteThrough(key = \"{key}\") public String update(String key, String value) { return value; }",
                "}");
        Compilation compilation = compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(generated(compilation, "com.acme.Catalog_Cached"))
                .contains("Object key2 = FIND.key(key, value);")
                .contains("UPDATE.put(key2, result);");
    }

    @Test
    void taggedMethodsCompileWithoutWarningsAndRenderTagsInTheMissPath() {
        JavaFileObject shelf = source(
                "Shelf",
                "public class Shelf {",
                "  public Shelf() {}",
                "  @Cached(tags = {\"author:{result.author.name}\", \"isbn:{isbn}\", \"shelf\"})",
                "  public Book find(String isbn) { return null; }",
                "  @Cached(tags = \"all\") public <T extends Book> List<T> all(T probe) { return null; }",
                "  @Cached(tags = \"n:{result}\") public int count(int id) { return id; }",
                "  @Invalidate(tags = \"author:{name}\") public void rename(String name) {}",
                "  @Invalidate(cache = \"Shelf.find\", tags = \"isbn:{result.isbn}\")",
                "  public Book remove(String isbn) { return null; }",
                "}");

        Compilation compilation = compile(shelf);

        assertThat(compilation).succeededWithoutWarnings();
        String code = generated(compilation, "com.acme.Shelf_Cached");
        assertThat(code)
                .contains("\"author:\" + String.valueOf(nameOf(result")
                .contains("\"isbn:\" + String.valueOf(isbn)")
                .contains(".invalidateTags(new String[] {\"author:\" + String.valueOf(name)})");
    }
}
