package dev.larder.weaver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weaver's verdicts on Spring Cache and JCache annotations: what is not supported is an error naming the class, the
 * method and what is wrong, and the method is left unwoven. The classes are compiled here, so that each test says how:
 * with or without {@code -parameters} and a LocalVariableTable.
 */
class ForeignAnnotationsWeaverTest {
    private static final Dialects BOTH = new Dialects(true, true);

    @TempDir
    Path dir;

    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<String> woven = new CopyOnWriteArrayList<>();

    @Test
    void unsupportedExpressionNamesTheClassMethodExpressionAndSupportedForms() throws IOException {
        byte[] result = weave(BOTH, "Bad", spring("@Cacheable(cacheNames = \"c\", key = \"#id.toString()\")"), "-g");

        assertThat(result).isNull();
        assertThat(problems)
                .singleElement()
                .asString()
                .contains("demo.Bad#find(int)", "@Cacheable(key = \"#id.toString()\")", "'()' is not supported")
                .contains("supported: #name, #name.property, #p0, #a0, #root.args[0], #root.methodName");
    }

    @Test
    void keyGeneratorCacheManagerAndCacheResolverAreNotSupported() throws IOException {
        weave(
                BOTH,
                "Bad",
                spring("@Cacheable(cacheNames = \"c\", keyGenerator = \"kg\", cacheManager = \"cm\","
                        + " cacheResolver = \"cr\")"),
                "-g");

        assertThat(problems)
                .hasSize(3)
                .allSatisfy(p -> assertThat(p).contains("demo.Bad#find(int): @Cacheable(", "is not supported"))
                .anySatisfy(p -> assertThat(p).contains("keyGenerator = \"kg\""))
                .anySatisfy(p -> assertThat(p).contains("cacheManager = \"cm\""))
                .anySatisfy(p -> assertThat(p).contains("cacheResolver = \"cr\""));
    }

    @Test
    void severalCacheNamesOnCacheableAreAnError() throws IOException {
        weave(BOTH, "Bad", spring("@Cacheable({\"a\", \"b\"})"), "-g");

        assertThat(problems).singleElement().asString().contains("names 2 caches [a, b]", "name one");
    }

    @Test
    void cacheableWithoutAnyCacheNameIsAnError() throws IOException {
        weave(BOTH, "Bad", spring("@Cacheable"), "-g");

        assertThat(problems)
                .singleElement()
                .asString()
                .contains("demo.Bad#find(int): @Cacheable names no cache", "@CacheConfig(cacheNames) on Bad");
    }

    @Test
    void namedParameterWithoutParameterNamesIsAnErrorAndPositionalWorks() throws IOException {
        weave(BOTH, "Bad", spring("@Cacheable(cacheNames = \"c\", key = \"#id\")"), "-g:none");
        assertThat(problems)
                .singleElement()
                .asString()
                .contains("#id needs parameter names", "without -parameters and without a LocalVariableTable", "#p0");

        problems.clear();
        byte[] positional = weave(BOTH, "Good", spring("@Cacheable(cacheNames = \"c\", key = \"#p0\")"), "-g:none");
        assertThat(problems).isEmpty();
        assertThat(positional).isNotNull();
        assertThat(woven).singleElement().asString().contains("cached in 'c' key {arg0}");
    }

    @Test
    void namedParameterComesFromTheLocalVariableTable() throws IOException {
        byte[] result = weave(BOTH, "Good", spring("@Cacheable(cacheNames = \"c\", key = \"'b:' + #id\")"), "-g");

        assertThat(problems).isEmpty();
        assertThat(result).isNotNull();
        assertThat(woven).singleElement().asString().contains("cached in 'c' key b:{id}");
    }

    @Test
    void withoutTheSwitchSpringAnnotationsAreIgnored() throws IOException {
        byte[] result = weave(Dialects.NONE, "Plain", spring("@Cacheable(cacheNames = \"c\")"), "-g");

        assertThat(result).isNull();
        assertThat(problems).isEmpty();
    }

    @Test
    void larderAnnotationWinsOverSpringsOnOneMethod() throws IOException {
        weave(
                BOTH,
                "Both",
                spring("@dev.larder.annotation.Cached(cache = \"larder\") @Cacheable(cacheNames = \"c\","
                        + " keyGenerator = \"kg\")"),
                "-g");

        assertThat(problems).isEmpty();
        assertThat(woven).singleElement().asString().contains("cached in 'larder'");
    }

    @Test
    void conditionIsNotSupportedYetAndUnlessOnlyForNull() throws IOException {
        weave(
                BOTH,
                "Bad",
                spring("@Cacheable(cacheNames = \"c\", condition = \"#id > 0\", unless = \"#result" + ".isEmpty()\")"),
                "-g");

        assertThat(problems)
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("@Cacheable(condition = \"#id > 0\") is not supported"))
                .anySatisfy(p -> assertThat(p)
                        .contains(
                                "@Cacheable(unless = \"#result.isEmpty()\") is not supported",
                                "unless = \"#result == null\""));
    }

    @Test
    void springAnnotationOnAnInterfaceMethodAppliesToTheImplementation() throws IOException {
        byte[] result = weave(
                BOTH,
                "Impl",
                "import org.springframework.cache.annotation.*;\n"
                        + "interface Api { @Cacheable(cacheNames = \"api\", key = \"'k' + #id\") String find(int id); }\n"
                        + "public class %s implements Api {\n"
                        + "  public String find(int id) { return \"book\"; }\n"
                        + "}\n",
                "-g");

        assertThat(problems).isEmpty();
        assertThat(result).isNotNull();
        assertThat(woven).singleElement().asString().contains("cached in 'api' key k{id}");
    }

    @Test
    void cacheableOnAClassIsAnError() throws IOException {
        weave(
                BOTH,
                "Bad",
                "import org.springframework.cache.annotation.*;\n"
                        + "@Cacheable(\"c\") public class %s {\n"
                        + "  public String find(int id) { return \"book\"; }\n"
                        + "}\n",
                "-g");

        assertThat(problems)
                .singleElement()
                .asString()
                .contains("demo.Bad: @Cacheable on a class is not supported: put it on each method to cache");
    }

    @Test
    void jcacheAndLarderOnOneMethodIsAnError() throws IOException {
        weave(BOTH, "Bad", jcache("@dev.larder.annotation.Cached(cache = \"larder\") @CacheResult", "int id"), "-g");

        assertThat(problems)
                .singleElement()
                .asString()
                .contains("demo.Bad#find(int): has both JCache and Larder annotations");
    }

    @Test
    void jcacheExceptionCachesKeyGeneratorsAndMissingCacheValueAreReported() throws IOException {
        weave(
                BOTH,
                "Bad",
                jcache(
                        "@CacheResult(exceptionCacheName = \"errors\","
                                + " cacheKeyGenerator = javax.cache.annotation.CacheKeyGenerator.class)",
                        "int id"),
                "-g");
        assertThat(problems)
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("@CacheResult(exceptionCacheName = errors) is not supported"))
                .anySatisfy(p -> assertThat(p).contains("@CacheResult(cacheKeyGenerator = "));

        problems.clear();
        weave(BOTH, "Put", jcache("@CachePut", "int id"), "-g");
        assertThat(problems)
                .singleElement()
                .asString()
                .contains("demo.Put#find(int): @CachePut needs exactly one parameter annotated @CacheValue");
    }

    private static String spring(String annotations) {
        return "import org.springframework.cache.annotation.*;\n"
                + "public class %s {\n"
                + "  " + annotations + "\n"
                + "  public String find(int id) { return \"book \" + id; }\n"
                + "}\n";
    }

    private static String jcache(String annotations, String parameters) {
        return "import javax.cache.annotation.*;\n"
                + "public class %s {\n"
                + "  " + annotations + "\n"
                + "  public String find(" + parameters + ") { return \"book\"; }\n"
                + "}\n";
    }

    /** Compiles {@code demo.<name>} with {@code debug} ({@code -g} or {@code -g:none}), never -parameters; weaves it. */
    private byte[] weave(Dialects dialects, String name, String template, String debug) throws IOException {
        Path source = dir.resolve("demo").resolve(name + ".java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package demo;\n" + template.formatted(name));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of(
                debug,
                "-proc:none",
                "-classpath",
                System.getProperty("java.class.path"),
                "-d",
                classes.toString(),
                source.toString()));
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();
        byte[] bytes = Files.readAllBytes(classes.resolve("demo").resolve(name + ".class"));
        LarderWeaver weaver = new LarderWeaver(Rules.none(), dialects, new LarderWeaver.Problems() {
            @Override
            public void report(String type, List<String> errors) {
                problems.addAll(errors);
            }

            @Override
            public void woven(String type, List<String> methods) {
                woven.addAll(methods);
            }
        });
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            return weaver.weave(bytes, ClassFiles.of(loader));
        }
    }
}
