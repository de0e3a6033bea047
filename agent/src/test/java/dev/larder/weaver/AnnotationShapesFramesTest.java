package dev.larder.weaver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Larder's own annotations in every shape the generators write, compiled, woven, defined and called. */
class AnnotationShapesFramesTest extends CompiledFixtures {
    static final String LARDER = "package demo;\n"
            + "import dev.larder.annotation.*;\n"
            + "import java.util.concurrent.atomic.AtomicInteger;\n"
            + "public class Lr {\n"
            + "  public static final AtomicInteger RUNS = new AtomicInteger();\n"
            + "  public static class P { public String name; public P next; public long size = 3; public double w = 2;"
            + "    public P getNext() { return next; } public String getName() { return name; } }\n"
            + "  @Cached(condition = \"ok1\", tags = {\"t:{a}\", \"u:{c}\"})\n"
            + "  public double f1(long a, double b, int c) { RUNS.incrementAndGet(); return a + b + c; }\n"
            + "  boolean ok1(long a, double b, int c) { return a > 0; }\n"
            + "  boolean skip1(long a, double b, int c, double r) { return r > 100; }\n"
            + "  @Cached(unless = \"skip1\", condition = \"ok1\")\n"
            + "  public double f1u(long a, double b, int c) { RUNS.incrementAndGet(); return a + b + c; }\n"
            + "  @Cached(key = \"{p.next.name}:{p.size}:{q}:{r}:{s}\", condition = \"ok2\", unless = \"skip2\")\n"
            + "  public static long f2(double q, P p, long r, double s) { RUNS.incrementAndGet(); return r; }\n"
            + "  static boolean ok2(double q, P p, long r, double s) { return q > 0; }\n"
            + "  static boolean skip2(long result) { return result > 100; }\n"
            + "  @Cached(key = \"{p.next.next.name}\", ttl = \"1h\")\n"
            + "  @RefreshAhead(at = 0.5)\n"
            + "  public String f3(P p, double d) { RUNS.incrementAndGet(); return \"x\" + d; }\n"
            + "  @Cached(unless = \"skip4\")\n"
            + "  public synchronized long f4(long a, long b) { RUNS.incrementAndGet(); return a + b; }\n"
            + "  boolean skip4(long a, long b, long r) { return r < 0; }\n"
            + "  @Cached\n"
            + "  public String f5(String... parts) { RUNS.incrementAndGet(); return String.join(\",\", parts); }\n"
            + "  @Cached(cache = \"c6\", key = \"{id}\", condition = \"ok6\")\n"
            + "  public double f6(long id) { RUNS.incrementAndGet(); return id; }\n"
            + "  boolean ok6(long id) { return id != 7; }\n"
            + "  @Invalidate(cache = \"c6\", key = \"{id}\", before = true, condition = \"ok7\")\n"
            + "  @Invalidate(cache = \"c6\", key = \"{id}\", condition = \"ok7b\")\n"
            + "  public double f7(long id, double v) { RUNS.incrementAndGet(); return v; }\n"
            + "  boolean ok7(long id, double v) { return v > 0; }\n"
            + "  boolean ok7b(long id, double v) { return v < 0; }\n"
            + "  @WriteThrough(cache = \"c6\", key = \"{id}\", condition = \"ok8\")\n"
            + "  @Invalidate(cache = \"c6\", key = \"{id}\", before = true, condition = \"ok8\")\n"
            + "  public double f8(long id, double v) { RUNS.incrementAndGet(); return v; }\n"
            + "  boolean ok8(long id, double v) { return v > 0; }\n"
            + "  @WriteBehind(cache = \"c6\", key = \"{id}\", value = \"{v}\", delay = \"1h\", condition = \"ok9\")\n"
            + "  @Invalidate(cache = \"c6\", key = \"{id}\", condition = \"ok9\")\n"
            + "  public void f9(long id, double v) { RUNS.incrementAndGet(); }\n"
            + "  boolean ok9(long id, double v) { return v > 0; }\n"
            + "  @Cached(cache = \"c10\", key = \"{id}\", condition = \"ok10\", unless = \"skip10\")\n"
            + "  public static double f10(long id, double d) { RUNS.incrementAndGet(); return d; }\n"
            + "  static boolean ok10(long id, double d) { return id > 0; }\n"
            + "  static boolean skip10(long id, double d, double r) { return r != r; }\n"
            + "  @Cached(key = \"{a}:{b}\")\n"
            + "  public double f11(long a, P b) { RUNS.incrementAndGet(); return a; }\n"
            + "  @Cached(key = \"{a}:{b}\")\n"
            + "  public float f12(int a, double b) { RUNS.incrementAndGet(); return a; }\n"
            + "  @Cached(key = \"{this.name}:{a}\")\n"
            + "  public char f13(double a) { RUNS.incrementAndGet(); return 'c'; }\n"
            + "  public String name = \"me\";\n"
            + "  @Cached\n"
            + "  public int[] f14(double[] a, long[][] b) { RUNS.incrementAndGet(); return new int[] {a.length}; }\n"
            + "  @Cached(unless = \"skip15\")\n"
            + "  public P[] f15(long a) { RUNS.incrementAndGet(); return new P[0]; }\n"
            + "  boolean skip15(P[] r) { return r == null; }\n"
            + "  @Cached(key = \"{p.w}\", unless = \"skip16\")\n"
            + "  public static short f16(P p) { RUNS.incrementAndGet(); return 1; }\n"
            + "  static boolean skip16(P p, short r) { return false; }\n"
            + "  @WriteThrough(cache = \"c17\", key = \"{id}\")\n"
            + "  public void f17(long id) { RUNS.incrementAndGet(); }\n"
            + "  @WriteThrough(cache = \"c6\", key = \"{id}\", value = \"{v}\", condition = \"ok18\")\n"
            + "  public void f18(long id, double v) { RUNS.incrementAndGet(); }\n"
            + "  boolean ok18(long id, double v) { return v > 0; }\n"
            + "}\n";

    private void larder(UnaryOperator<byte[]> rewrite, String... options) throws Throwable {
        WeavingClassLoader loader = loader(compile("Lr", LARDER, options), rewrite);
        Class<?> type = loader.loadClass("demo.Lr");
        assertThat(problems).isEmpty();
        assertThat(loader.woven).contains("demo.Lr");
        Object lr = create(type);
        Class<?> p = type.getClassLoader().loadClass("demo.Lr$P");
        Object px = create(p);
        Object next = create(p);
        p.getField("next").set(px, next);
        p.getField("name").set(next, "x");
        twice(type, lr, 1, "f1", 1L, 2.0, 3);
        twice(type, lr, 2, "f1", 0L, 2.0, 3);
        twice(type, lr, 1, "f1", 100L, 2.0, 3);
        twice(type, lr, 1, "f1u", 1L, 2.0, 3);
        twice(type, lr, 2, "f1u", 100L, 2.0, 3);
        twice(type, lr, 1, "f2", 1.0, px, 1L, 2.0);
        twice(type, lr, 2, "f2", -1.0, px, 1L, 2.0);
        twice(type, lr, 2, "f2", 1.0, px, 101L, 2.0);
        twice(type, lr, 1, "f2", 1.0, null, 2L, 2.0);
        twice(type, lr, 1, "f3", px, 1.5);
        twice(type, lr, 0, "f3", null, 1.5);
        twice(type, lr, 1, "f4", 1L, 2L);
        twice(type, lr, 2, "f4", -5L, 2L);
        twice(type, lr, 1, "f5", (Object) new String[] {"a", "b"});
        twice(type, lr, 1, "f6", 1L);
        twice(type, lr, 2, "f6", 7L);
        call(lr, "f7", 1L, 1.0);
        call(lr, "f7", 1L, -1.0);
        call(lr, "f8", 1L, 1.0);
        call(lr, "f8", 1L, -1.0);
        call(lr, "f9", 1L, 1.0);
        call(lr, "f9", 1L, -1.0);
        twice(type, lr, 1, "f10", 1L, 1.0);
        twice(type, lr, 2, "f10", -1L, 1.0);
        twice(type, lr, 2, "f10", 2L, Double.NaN);
        twice(type, lr, 1, "f11", 1L, px);
        twice(type, lr, 1, "f12", 1, 2.0);
        twice(type, lr, 1, "f13", 1.0);
        twice(type, lr, 1, "f14", new double[1], new long[0][]);
        twice(type, lr, 1, "f15", 1L);
        twice(type, lr, 1, "f16", px);
        twice(type, lr, 1, "f16", (Object) null);
        call(lr, "f17", 1L);
        call(lr, "f18", 1L, 1.0);
        call(lr, "f18", 1L, -1.0);
    }

    private static void twice(Class<?> type, Object target, int expected, String name, Object... args)
            throws Throwable {
        int before = runs(type);
        Object first = call(target, name, args);
        Object second = call(target, name, args);
        if (!(first != null && first.getClass().isArray())) {
            assertThat(second).isEqualTo(first);
        }
        assertThat(runs(type) - before).as(name).isEqualTo(expected);
    }

    @ParameterizedTest(name = "javac --release {0} {2}, class file version {1}")
    @CsvSource({"17, 0, -g", "8, 0, -g", "8, 50, -g", "8, 49, -g", "17, 0, -g:none"})
    void everyShapeIsWovenAndCaches(String release, int classFileVersion, String debug) throws Throwable {
        larder(version(classFileVersion), debug, "-parameters", "--release", release);
    }
}
