package dev.larder.weaver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Spring conditions compiled to jumping code: every mix of and, or and not, primitive comparisons with NaN, property
 * paths and unless on each kind of result, checked against their truth tables, in class files of several versions.
 */
class SpelConditionFramesTest extends CompiledFixtures {
    static final String SPRING = "package demo;\n"
            + "import org.springframework.cache.annotation.*;\n"
            + "import java.util.concurrent.atomic.AtomicInteger;\n"
            + "public class Sp {\n"
            + "  public static final AtomicInteger RUNS = new AtomicInteger();\n"
            + "  public static class P { public String name; public P next; public String getName() { return name; }"
            + "    public P getNext() { return next; } public long getSize() { return 5; } }\n"
            + "  @Cacheable(cacheNames = \"c1\", condition = \"#a > 0 and (#b < 2.5 or not (#c == 3))\")\n"
            + "  public static String f1(int a, double b, long c) { RUNS.incrementAndGet(); return \"\" + a + b + c; }\n"
            + "  @Cacheable(cacheNames = \"c2\", condition = \"#d != #d\")\n"
            + "  public String f2(double d) { RUNS.incrementAndGet(); return \"\" + d; }\n"
            + "  @Cacheable(cacheNames = \"c3\", condition = \"#d >= 1 or #d < 1\")\n"
            + "  public String f3(double d) { RUNS.incrementAndGet(); return \"\" + d; }\n"
            + "  @Cacheable(cacheNames = \"c4\", condition = \"!(#d > 0)\")\n"
            + "  public String f4(double d) { RUNS.incrementAndGet(); return \"\" + d; }\n"
            + "  @Cacheable(cacheNames = \"c5\", condition = \"#x == 1 or #y == 2 and #z == 3\")\n"
            + "  public String f5(int x, long y, double z) { RUNS.incrementAndGet(); return \"\" + x + y + z; }\n"
            + "  @Cacheable(cacheNames = \"c6\", condition = \"(#x == 1 or #y == 2) and #z == 3\")\n"
            + "  public String f6(int x, long y, double z) { RUNS.incrementAndGet(); return \"\" + x + y + z; }\n"
            + "  @Cacheable(cacheNames = \"c7\", condition = \"not #flag and #x > 0\")\n"
            + "  public String f7(boolean flag, int x) { RUNS.incrementAndGet(); return \"\" + flag + x; }\n"
            + "  @Cacheable(cacheNames = \"c8\", condition = \"#a or (#b or #c)\")\n"
            + "  public String f8(boolean a, boolean b, boolean c) { RUNS.incrementAndGet(); return \"\" + a + b + c; }\n"
            + "  @Cacheable(cacheNames = \"c9\", condition = \"!(#a and !#b) or #c\")\n"
            + "  public String f9(boolean a, boolean b, boolean c) { RUNS.incrementAndGet(); return \"\" + a + b + c; }\n"
            + "  @Cacheable(cacheNames = \"c10\", condition = \"#a and (#b and #c)\")\n"
            + "  public String f10(boolean a, boolean b, boolean c) { RUNS.incrementAndGet(); return \"\" + a + b + c; }\n"
            + "  @Cacheable(cacheNames = \"c11\", unless = \"#result > 10 or #result < -10\")\n"
            + "  public long f11(long v) { RUNS.incrementAndGet(); return v; }\n"
            + "  @Cacheable(cacheNames = \"c12\", unless = \"#result != #result\")\n"
            + "  public double f12(double v) { RUNS.incrementAndGet(); return v; }\n"
            + "  @Cacheable(cacheNames = \"c13\", unless = \"#result\")\n"
            + "  public boolean f13(boolean v, long w) { RUNS.incrementAndGet(); return v; }\n"
            + "  @Cacheable(cacheNames = \"c14\", condition = \"#p.next.name == 'x' or #p.size > 4 and #q == null\")\n"
            + "  public String f14(P p, String q) { RUNS.incrementAndGet(); return \"\" + q; }\n"
            + "  @Cacheable(cacheNames = \"c15\", key = \"#p.next.name\", condition = \"#p.next != null\","
            + "    unless = \"#result == 'no' and #w > 1.5\")\n"
            + "  public String f15(double w, P p, long z) { RUNS.incrementAndGet(); return p.next.name; }\n"
            + "  @Cacheable(cacheNames = \"c16\", condition = \"#a < #b and #b <= #c and #c ge 0.5\")\n"
            + "  public static double f16(float a, long b, double c) { RUNS.incrementAndGet(); return a + b + c; }\n"
            + "  @CachePut(cacheNames = \"c17\", key = \"#id\", condition = \"#id > 3 and !(#v == 0)\")\n"
            + "  public double f17(long id, double v) { RUNS.incrementAndGet(); return v; }\n"
            + "  @CacheEvict(cacheNames = \"c17\", key = \"#id\", beforeInvocation = true, condition = \"#id gt 3 or #x\")\n"
            + "  public void f18(long id, boolean x) { RUNS.incrementAndGet(); }\n"
            + "  @CacheEvict(cacheNames = \"c17\", key = \"#id\", condition = \"#id lt 3 or not #x\")\n"
            + "  public long f19(long id, boolean x) { RUNS.incrementAndGet(); return id; }\n"
            + "  @Caching(evict = { @CacheEvict(cacheNames = \"c1\", allEntries = true, beforeInvocation = true,"
            + "    condition = \"#d > 0\"), @CacheEvict(cacheNames = \"c2\", allEntries = true, condition = \"#d < 0\") },"
            + "    put = @CachePut(cacheNames = \"c20\", key = \"#d\", condition = \"#d != 0\"))\n"
            + "  public synchronized double f20(double d) { RUNS.incrementAndGet(); return d; }\n"
            + "  @Cacheable(cacheNames = \"c21\", condition = \"#root.methodName == 'f21' and #p0 > 0 and #a1 < 5\")\n"
            + "  public String f21(int first, int second) { RUNS.incrementAndGet(); return \"\" + first; }\n"
            + "  @Cacheable(cacheNames = \"c22\", condition = \"#s != null\")\n"
            + "  public String f22(String... s) { RUNS.incrementAndGet(); return \"\" + s.length; }\n"
            + "}\n";

    /** Calls {@code name} twice: the body ran once when cached, twice when not. */
    private static boolean cachedTwice(Class<?> type, Object target, String name, Object... args) throws Throwable {
        int before = runs(type);
        Object first = call(target, name, args);
        Object second = call(target, name, args);
        assertThat(second).isEqualTo(first);
        int ran = runs(type) - before;
        assertThat(ran).isBetween(1, 2);
        return ran == 1;
    }

    private void springConditions(UnaryOperator<byte[]> rewrite, String... options) throws Throwable {
        WeavingClassLoader loader = loader(compile("Sp", SPRING, options), rewrite);
        Class<?> type = loader.loadClass("demo.Sp");
        assertThat(problems).isEmpty();
        assertThat(loader.woven).contains("demo.Sp");
        Object sp = create(type);
        double nan = Double.NaN;
        assertThat(cachedTwice(type, sp, "f1", 1, 3.0, 3L)).isFalse();
        assertThat(cachedTwice(type, sp, "f1", 1, 3.0, 4L)).isTrue();
        assertThat(cachedTwice(type, sp, "f1", 1, 2.0, 3L)).isTrue();
        assertThat(cachedTwice(type, sp, "f1", 0, 2.0, 4L)).isFalse();
        assertThat(cachedTwice(type, sp, "f1", 2, nan, 3L)).isFalse();
        assertThat(cachedTwice(type, sp, "f2", nan)).isTrue();
        assertThat(cachedTwice(type, sp, "f2", 1.0)).isFalse();
        assertThat(cachedTwice(type, sp, "f3", nan)).isFalse();
        assertThat(cachedTwice(type, sp, "f3", 0.5)).isTrue();
        assertThat(cachedTwice(type, sp, "f4", nan)).isTrue();
        assertThat(cachedTwice(type, sp, "f4", 1.0)).isFalse();
        assertThat(cachedTwice(type, sp, "f4", -1.0)).isTrue();
        for (int x = 0; x < 2; x++) {
            for (long y = 1; y < 3; y++) {
                for (double z = 2; z < 4; z++) {
                    assertThat(cachedTwice(type, sp, "f5", x + 0, y, z)).isEqualTo(x == 1 || y == 2 && z == 3);
                    assertThat(cachedTwice(type, sp, "f6", x + 0, y, z)).isEqualTo((x == 1 || y == 2) && z == 3);
                }
            }
        }
        for (boolean flag : new boolean[] {false, true}) {
            for (int x = -1; x < 2; x += 2) {
                assertThat(cachedTwice(type, sp, "f7", flag, x)).isEqualTo(!flag && x > 0);
            }
        }
        for (int bits = 0; bits < 8; bits++) {
            boolean a = (bits & 1) != 0;
            boolean b = (bits & 2) != 0;
            boolean c = (bits & 4) != 0;
            assertThat(cachedTwice(type, sp, "f8", a, b, c))
                    .as("f8 %s %s %s", a, b, c)
                    .isEqualTo(a || b || c);
            assertThat(cachedTwice(type, sp, "f9", a, b, c))
                    .as("f9 %s %s %s", a, b, c)
                    .isEqualTo(!(a && !b) || c);
            assertThat(cachedTwice(type, sp, "f10", a, b, c))
                    .as("f10 %s %s %s", a, b, c)
                    .isEqualTo(a && b && c);
        }
        assertThat(cachedTwice(type, sp, "f11", 11L)).isFalse();
        assertThat(cachedTwice(type, sp, "f11", -11L)).isFalse();
        assertThat(cachedTwice(type, sp, "f11", 10L)).isTrue();
        assertThat(cachedTwice(type, sp, "f12", nan)).isFalse();
        assertThat(cachedTwice(type, sp, "f12", 1.5)).isTrue();
        assertThat(cachedTwice(type, sp, "f13", true, 1L)).isFalse();
        assertThat(cachedTwice(type, sp, "f13", false, 1L)).isTrue();
        Class<?> p = type.getClassLoader().loadClass("demo.Sp$P");
        Object px = create(p);
        Object next = create(p);
        p.getField("next").set(px, next);
        p.getField("name").set(next, "x");
        Object plain = create(p);
        assertThat(cachedTwice(type, sp, "f14", px, "q")).isTrue();
        assertThat(cachedTwice(type, sp, "f14", plain, null)).isTrue();
        assertThat(cachedTwice(type, sp, "f14", plain, "q")).isFalse();
        assertThat(cachedTwice(type, sp, "f14", null, null)).isFalse();
        assertThat(cachedTwice(type, sp, "f15", 1.0, px, 1L)).isTrue();
        p.getField("name").set(next, "no");
        assertThat(cachedTwice(type, sp, "f15", 2.0, px, 1L)).isFalse();
        assertThat(cachedTwice(type, sp, "f16", 1f, 2L, 2.5)).isTrue();
        assertThat(cachedTwice(type, sp, "f16", 2f, 2L, 2.5)).isFalse();
        assertThat(cachedTwice(type, sp, "f16", Float.NaN, 2L, 2.5)).isFalse();
        assertThat(cachedTwice(type, sp, "f16", 1f, 2L, nan)).isFalse();
        assertThat(call(sp, "f17", 5L, 1.5)).isEqualTo(1.5);
        assertThat(call(sp, "f17", 1L, 1.5)).isEqualTo(1.5);
        call(sp, "f18", 5L, false);
        call(sp, "f18", 1L, true);
        call(sp, "f18", 1L, false);
        assertThat(call(sp, "f19", 1L, true)).isEqualTo(1L);
        assertThat(call(sp, "f19", 5L, true)).isEqualTo(5L);
        assertThat(call(sp, "f20", 1.5)).isEqualTo(1.5);
        assertThat(call(sp, "f20", -1.5)).isEqualTo(-1.5);
        assertThat(call(sp, "f20", 0.0)).isEqualTo(0.0);
        assertThat(cachedTwice(type, sp, "f21", 1, 2)).isTrue();
        assertThat(cachedTwice(type, sp, "f21", 0, 2)).isFalse();
        assertThat(cachedTwice(type, sp, "f21", 1, 5)).isFalse();
    }

    @ParameterizedTest(name = "javac --release {0}, class file version {1}")
    @CsvSource({"17, 0", "8, 0", "8, 51", "8, 50", "8, 49", "8, 46"})
    void springConditionsHoldTheirTruthTables(String release, int classFileVersion) throws Throwable {
        springConditions(version(classFileVersion), "-g", "--release", release);
    }
}
