package dev.larder.weaver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Interface default and static methods, a value class, an enum and an existing type initializer, woven and called. */
class InterfaceShapesFramesTest extends CompiledFixtures {
    static final String SOURCE = "package demo;\n"
            + "import dev.larder.annotation.*;\n"
            + "import org.springframework.cache.annotation.*;\n"
            + "import java.util.concurrent.atomic.AtomicInteger;\n"
            + "public class If {\n"
            + "  public static final AtomicInteger RUNS = new AtomicInteger();\n"
            + "  public static final String WARM;\n"
            + "  static { String w = \"w\"; for (int i = 0; i < 3; i++) { w = w + i; } WARM = w + Api.s1(1L, 2.0); }\n"
            + "  public interface Api {\n"
            + "    @Cached(condition = \"ok\", unless = \"skip\")\n"
            + "    default double d1(long a, double b) { RUNS.incrementAndGet(); return a + b; }\n"
            + "    default boolean ok(long a, double b) { return a > 0; }\n"
            + "    default boolean skip(long a, double b, double r) { return r > 100; }\n"
            + "    @Cacheable(cacheNames = \"i2\", condition = \"#a > 0 and #b < 5.5\", unless = \"#result > 100\")\n"
            + "    default double d2(long a, double b) { RUNS.incrementAndGet(); return a + b; }\n"
            + "    @Cacheable(cacheNames = \"i3\", key = \"#a\", condition = \"#a > 0 or #b < 0\")\n"
            + "    static String s1(long a, double b) { RUNS.incrementAndGet(); return \"s\" + a + b; }\n"
            + "    @Cached(key = \"{p.name}:{x}\", condition = \"sok\")\n"
            + "    static String s2(R p, boolean x) { RUNS.incrementAndGet(); return \"s\" + x; }\n"
            + "    static boolean sok(R p, boolean x) { return x; }\n"
            + "    @Cacheable(cacheNames = \"i4\", key = \"#p.name\", condition = \"#p.name != null or #x\")\n"
            + "    default String d3(R p, boolean x) { RUNS.incrementAndGet(); return \"d\" + x; }\n"
            + "  }\n"
            + "  public static final class R { final String name; final long size;"
            + "    public R(String name, long size) { this.name = name; this.size = size; }"
            + "    public String getName() { return name; }\n"
            + "    @Cached(key = \"{this.name}:{n}\", unless = \"big\")\n"
            + "    public long times(long n) { RUNS.incrementAndGet(); return size * n; }\n"
            + "    boolean big(long n, long r) { return r > 1000; }\n"
            + "  }\n"
            + "  public enum E { A, B;\n"
            + "    @Cacheable(cacheNames = \"e1\", condition = \"#n >= 0\")\n"
            + "    public String label(int n) { RUNS.incrementAndGet(); return name() + n; }\n"
            + "  }\n"
            + "  public static class Impl implements Api {}\n"
            + "}\n";

    private void run(UnaryOperator<byte[]> rewrite, String... options) throws Throwable {
        WeavingClassLoader loader = loader(compile("If", SOURCE, options), rewrite);
        Class<?> type = loader.loadClass("demo.If");
        assertThat(type.getField("WARM").get(null)).isEqualTo("w012s12.0");
        assertThat(problems).isEmpty();
        Class<?> api = loader.loadClass("demo.If$Api");
        Class<?> rec = loader.loadClass("demo.If$R");
        Class<?> e = loader.loadClass("demo.If$E");
        Object impl = create(loader.loadClass("demo.If$Impl"));
        assertThat(loader.woven).contains("demo.If$Api", "demo.If$R", "demo.If$E");
        int before = runs(type);
        assertThat(api.getMethod("d1", long.class, double.class).invoke(impl, 1L, 2.0))
                .isEqualTo(3.0);
        assertThat(api.getMethod("d1", long.class, double.class).invoke(impl, 1L, 2.0))
                .isEqualTo(3.0);
        assertThat(api.getMethod("d1", long.class, double.class).invoke(impl, -1L, 2.0))
                .isEqualTo(1.0);
        assertThat(api.getMethod("d1", long.class, double.class).invoke(impl, -1L, 2.0))
                .isEqualTo(1.0);
        assertThat(runs(type) - before).isEqualTo(3);
        before = runs(type);
        for (int i = 0; i < 2; i++) {
            api.getMethod("d2", long.class, double.class).invoke(impl, 1L, 2.0);
            api.getMethod("d2", long.class, double.class).invoke(impl, 1L, 6.0);
            api.getMethod("d2", long.class, double.class).invoke(impl, 1L, Double.NaN);
            api.getMethod("d2", long.class, double.class).invoke(impl, 200L, 2.0);
        }
        assertThat(runs(type) - before).isEqualTo(7);
        Object r = rec.getConstructor(String.class, long.class).newInstance("n", 3L);
        Object rnull = rec.getConstructor(String.class, long.class).newInstance(null, 3L);
        before = runs(type);
        for (int i = 0; i < 2; i++) {
            api.getMethod("s2", rec, boolean.class).invoke(null, r, true);
            api.getMethod("s2", rec, boolean.class).invoke(null, r, false);
            api.getMethod("d3", rec, boolean.class).invoke(impl, r, false);
            api.getMethod("d3", rec, boolean.class).invoke(impl, rnull, false);
            api.getMethod("d3", rec, boolean.class).invoke(impl, null, true);
        }
        assertThat(runs(type) - before).isEqualTo(1 + 2 + 1 + 2 + 1);
        before = runs(type);
        for (int i = 0; i < 2; i++) {
            call(r, "times", 2L);
            call(r, "times", 2000L);
        }
        assertThat(runs(type) - before).isEqualTo(3);
        before = runs(type);
        Object a = e.getField("A").get(null);
        for (int i = 0; i < 2; i++) {
            call(a, "label", 1);
            call(a, "label", -1);
        }
        assertThat(runs(type) - before).isEqualTo(3);
    }

    @ParameterizedTest(name = "javac --release {0}")
    @CsvSource({"17", "8"})
    void interfaceEnumAndInitializerShapesAreWovenAndCache(String release) throws Throwable {
        run(version(0), "-g", "-parameters", "--release", release);
    }
}
