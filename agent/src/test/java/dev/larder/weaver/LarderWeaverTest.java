package dev.larder.weaver;

import static dev.larder.weaver.Reflect.call;
import static dev.larder.weaver.Reflect.create;
import static dev.larder.weaver.Reflect.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The weaver on its own, as the build plugin uses it: classes woven by a class loader, no agent. */
class LarderWeaverTest {
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private WeavingClassLoader loader;

    @BeforeEach
    void setUp() {
        Larder.configure(LarderConfig.builder().set("larder.metrics", "none").build());
        loader = new WeavingClassLoader(
                "dev.larder.it.agent.", new LarderWeaver(Rules.none(), (type, errors) -> problems.addAll(errors)));
    }

    @AfterEach
    void tearDown() {
        Larder.shutdown();
    }

    private static int runs(Object fixture) throws ReflectiveOperationException {
        return ((AtomicInteger) field(fixture, "runs")).get();
    }

    @Test
    void hitSkipsTheBody() throws Throwable {
        Object books = create(loader, "dev.larder.it.agent.Books");
        assertThat(call(books, "find", 7)).isEqualTo("book #7 1st");
        assertThat(call(books, "find", 7)).isEqualTo("book #7 1st");
        assertThat(call(books, "find", 8)).isEqualTo("book #8 1st");
        assertThat(runs(books)).isEqualTo(2);
        assertThat(problems).isEmpty();
    }

    @Test
    void instancesCreatedWithNewShareTheCache() throws Throwable {
        Object first = create(loader, "dev.larder.it.agent.Books");
        Object second = create(loader, "dev.larder.it.agent.Books");
        call(first, "find", "dune");
        assertThat(call(second, "find", "dune")).isEqualTo("book 'dune' 1st");
        assertThat(runs(second)).isZero();
    }

    @Test
    void overloadsHaveTheirOwnCaches() throws Throwable {
        Object books = create(loader, "dev.larder.it.agent.Books");
        call(books, "find", 1);
        call(books, "find", "1");
        assertThat(Larder.stats()).containsKeys("Books.find(int)", "Books.find(String)");
        assertThat(runs(books)).isEqualTo(2);
    }

    @Test
    void staticInitializerCanCallAWovenMethod() throws Throwable {
        Class<?> type = loader.loadClass("dev.larder.it.agent.Books");
        assertThat(type.getField("WARM").get(null)).isEqualTo("book #-1 1st");
    }

    @Test
    void primitivesNullsStaticsAndCompositeKeys() throws Throwable {
        Object books = create(loader, "dev.larder.it.agent.Books");
        assertThat(call(books, "pages", "abc")).isEqualTo(300);
        assertThat(call(books, "pages", "abc")).isEqualTo(300);
        assertThat(call(books, "missing", "x")).isNull();
        assertThat(call(books, "missing", "x")).isNull();
        assertThat(call(books, "at", "A", 3L)).isEqualTo("at A/3 1st");
        assertThat(call(books, "at", "A", 3L)).isEqualTo("at A/3 1st");
        assertThat(call(books, "noArguments")).isEqualTo("constant 1st");
        assertThat(call(books, "noArguments")).isEqualTo("constant 1st");
        assertThat(runs(books)).isEqualTo(4);
        Class<?> type = books.getClass();
        call(type, "statically", "k");
        call(type, "statically", "k");
        assertThat(((AtomicInteger) type.getField("STATIC_RUNS").get(null)).get())
                .isEqualTo(1);
    }

    @Test
    void exceptionReachesTheCallerUnchangedAndNothingIsStored() throws Throwable {
        Object books = create(loader, "dev.larder.it.agent.Books");
        assertThatThrownBy(() -> call(books, "failing", "k"))
                .isInstanceOf(IOException.class)
                .hasMessage("no k");
        assertThatThrownBy(() -> call(books, "failing", "k")).isInstanceOf(IOException.class);
        assertThat(runs(books)).isEqualTo(2);
    }

    @Test
    void concurrentMissesRunTheBodyOnce() throws Throwable {
        Object books = create(loader, "dev.larder.it.agent.Books");
        CountDownLatch gate = new CountDownLatch(1);
        books.getClass().getField("gate").set(books, gate);
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Object> task = () -> {
                    start.await();
                    try {
                        return call(books, "slow", "hot");
                    } catch (Exception | Error e) {
                        throw e;
                    } catch (Throwable t) {
                        throw new IllegalStateException(t);
                    }
                };
                results.add(pool.submit(task));
            }
            while (Larder.stats("Books.slow").waits() < threads - 1) {
                Thread.onSpinWait();
            }
            gate.countDown();
            for (Future<Object> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("hot 1st");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(runs(books)).isEqualTo(1);
    }

    @Test
    void invalidateRemovesTheKey() throws Throwable {
        Object books = create(loader, "dev.larder.it.agent.Books");
        call(books, "find", 1);
        call(books, "evict", 1);
        assertThat(call(books, "find", 1)).isEqualTo("book #1 2nd");
        assertThat(runs(books)).isEqualTo(2);
    }

    @Test
    void writeThroughStoresTheResult() throws Throwable {
        Object books = create(loader, "dev.larder.it.agent.Books");
        call(books, "retitle", "dune", "Dune (new)");
        assertThat(call(books, "find", "dune")).isEqualTo("Dune (new)");
        assertThat(runs(books)).isZero();
    }

    @Test
    void writeBehindStoresNowAndRunsTheBodyOnFlush() throws Throwable {
        Object books = create(loader, "dev.larder.it.agent.Books");
        call(books, "note", "n1", "hello");
        assertThat(field(books, "notes"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .isEmpty();
        assertThat(call(books, "readNote", "n1")).isEqualTo("hello");
        Larder.flush();
        assertThat(field(books, "notes"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("n1", "hello");
        assertThat(runs(books)).isZero();
    }

    @Test
    void refreshAheadReloadsInTheBackground() throws Throwable {
        Object books = create(loader, "dev.larder.it.agent.Books");
        assertThat(call(books, "refreshing", "k")).isEqualTo("k 1st");
        books.getClass().getField("edition").set(books, "2nd");
        Thread.sleep(20); // the entry is past 0.1% of its hour once the coarse clock has ticked
        assertThat(call(books, "refreshing", "k")).isEqualTo("k 1st");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!"k 2nd".equals(call(books, "refreshing", "k")) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(call(books, "refreshing", "k")).isEqualTo("k 2nd");
    }

    @Test
    void interfaceAnnotationsApplyToTheImplementation() throws Throwable {
        Object impl = create(loader, "dev.larder.it.agent.LookupImpl");
        assertThat(call(impl, "lookup", "a")).isEqualTo("a v1");
        assertThat(call(impl, "lookup", "a")).isEqualTo("a v1");
        call(impl, "forget", "a");
        assertThat(call(impl, "lookup", "a")).isEqualTo("a v2");
        assertThat(runs(impl)).isEqualTo(2);
        assertThat(Larder.stats()).containsKey("Lookup.lookup");
        // The annotated abstract declarations are for the implementation: loading the interface reports nothing.
        assertThat(problems).isEmpty();
    }

    @Test
    void overrideCallingItsWovenSuperMethodLoadsOnce() throws Throwable {
        Object derived = create(loader, "dev.larder.it.agent.Derived");
        assertThat(call(derived, "load", "x")).isEqualTo("derived base x");
        assertThat(call(derived, "load", "x")).isEqualTo("derived base x");
        assertThat(runs(derived)).isEqualTo(2);
        assertThat(Larder.stats()).containsKey("Base.load");
    }

    @Test
    void badTemplateIsReportedAndOnlyThatMethodIsLeftAlone() throws Throwable {
        Object bad = create(loader, "dev.larder.it.agent.BadBooks");
        assertThat(problems)
                .singleElement()
                .asString()
                .contains("dev.larder.it.agent.BadBooks#find(int)")
                .contains("names parameter 'nope'");
        call(bad, "find", 1);
        call(bad, "find", 1);
        call(bad, "good", 1);
        call(bad, "good", 1);
        assertThat(runs(bad)).isEqualTo(3);
    }

    @Test
    void aKeyNamingThisGivesEachInstanceItsOwnEntries() throws Throwable {
        Object a = shelf(loader, "a");
        Object b = shelf(loader, "b");
        assertThat(call(a, "find", 1)).isEqualTo("a #1");
        assertThat(call(b, "find", 1)).isEqualTo("b #1");
        assertThat(call(a, "find", 1)).isEqualTo("a #1");
        assertThat(call(b, "find", 1)).isEqualTo("b #1");
        assertThat(runs(a)).isEqualTo(1);
        assertThat(runs(b)).isEqualTo(1);

        call(b, "evict", 1); // only b's entry
        assertThat(call(a, "find", 1)).isEqualTo("a #1");
        assertThat(call(b, "find", 1)).isEqualTo("b #1");
        assertThat(runs(a)).isEqualTo(1);
        assertThat(runs(b)).isEqualTo(2);

        call(a, "put", 2, "a's second");
        assertThat(call(a, "find", 2)).isEqualTo("a's second");
        assertThat(call(b, "find", 2)).isEqualTo("b #2");
        assertThat(runs(a)).isEqualTo(1);
        assertThat(problems).isEmpty();
    }

    @Test
    void aKeyNamingTheClassOfThisIsSharedByInstancesOfThatClass() throws Throwable {
        Object a = shelf(loader, "a");
        Object b = shelf(loader, "b");
        assertThat(call(a, "kind", 1)).isEqualTo("a kind 1");
        assertThat(call(b, "kind", 1)).isEqualTo("a kind 1");
        assertThat(runs(b)).isZero();
    }

    @Test
    void aKeyNamingThisOnAStaticMethodIsRefusedNamingTheMethod() throws Throwable {
        Class<?> type = loader.loadClass("dev.larder.it.agent.StaticShelf");
        assertThat(problems)
                .singleElement()
                .asString()
                .contains("dev.larder.it.agent.StaticShelf#find(int): key template \"{this.name}:{id}\"")
                .contains("the method is static");
        call(type, "find", 1);
        call(type, "find", 1);
        assertThat(((AtomicInteger) type.getField("RUNS").get(null)).get()).isEqualTo(2);
    }

    @Test
    void aRulesLineMayNameThis() throws Throwable {
        WeavingClassLoader ruled = new WeavingClassLoader(
                "dev.larder.it.agent.",
                new LarderWeaver(
                        Rules.parse(List.of("dev.larder.it.agent.Shelf#plain cached key={this.name}:{id}"), "rules"),
                        (type, errors) -> problems.addAll(errors)));
        Object a = shelf(ruled, "a");
        Object b = shelf(ruled, "b");
        assertThat(call(a, "plain", 1)).isEqualTo("a plain 1");
        assertThat(call(b, "plain", 1)).isEqualTo("b plain 1");
        assertThat(call(a, "plain", 1)).isEqualTo("a plain 1");
        assertThat(runs(a)).isEqualTo(1);
        assertThat(runs(b)).isEqualTo(1);
        assertThat(problems).isEmpty();
    }

    @Test
    void aRulesLineMayTagEntriesAndInvalidateByTag() throws Throwable {
        List<String> woven = new CopyOnWriteArrayList<>();
        WeavingClassLoader ruled = new WeavingClassLoader(
                "dev.larder.it.agent.",
                new LarderWeaver(
                        Rules.parse(
                                List.of(
                                        "dev.larder.it.agent.Shelf#plain cached tags=shelf:{id},plain",
                                        "dev.larder.it.agent.Shelf#evict invalidate tags=shelf:{id}"),
                                "rules"),
                        new LarderWeaver.Problems() {
                            @Override
                            public void report(String type, List<String> errors) {
                                problems.addAll(errors);
                            }

                            @Override
                            public void woven(String type, List<String> methods) {
                                woven.addAll(methods);
                            }
                        }));
        Object a = shelf(ruled, "a");
        assertThat(woven)
                .as("the woven lines name the tags")
                .anySatisfy(line -> assertThat(line).startsWith("plain(").endsWith(" tags shelf:{id}, plain"))
                .anySatisfy(line -> assertThat(line).startsWith("evict(").endsWith(" invalidate tags shelf:{id}"));
        call(a, "plain", 1);
        call(a, "plain", 2);

        call(a, "evict", 1);
        call(a, "plain", 1);
        call(a, "plain", 2);
        assertThat(runs(a)).as("only the entry tagged shelf:1 is loaded again").isEqualTo(3);

        Larder.invalidateTag("plain");
        call(a, "plain", 2);
        assertThat(runs(a)).isEqualTo(4);
        assertThat(problems).isEmpty();
    }

    @Test
    void aRulesLineMayNameWhatOnlyTheWovenClassSees() throws Throwable {
        WeavingClassLoader ruled = new WeavingClassLoader(
                "dev.larder.it.agent.",
                new LarderWeaver(
                        Rules.parse(
                                List.of("dev.larder.it.agent.Repository#findAll() cached"
                                        + " key={this.domainClass.name}:{this.scope}:{this.tenant}"),
                                "rules"),
                        (type, errors) -> problems.addAll(errors)));
        Class<?> type = ruled.loadClass("dev.larder.it.agent.Repository");
        var constructor = type.getConstructor(Class.class, String.class);
        Object books = constructor.newInstance(String.class, "t1");
        Object authors = constructor.newInstance(Integer.class, "t1");
        Object otherTenant = constructor.newInstance(String.class, "t2");
        for (int round = 0; round < 2; round++) {
            assertThat(call(books, "findAll")).isEqualTo(List.of("String", "t1"));
            assertThat(call(authors, "findAll")).isEqualTo(List.of("Integer", "t1"));
            assertThat(call(otherTenant, "findAll")).isEqualTo(List.of("String", "t2"));
        }
        assertThat(runs(books) + runs(authors) + runs(otherTenant)).isEqualTo(3);
        assertThat(problems).isEmpty();
    }

    @Test
    void aPrivateFieldOfASuperclassIsNotAProperty() throws Throwable {
        WeavingClassLoader ruled = new WeavingClassLoader(
                "dev.larder.it.agent.",
                new LarderWeaver(
                        Rules.parse(
                                List.of("dev.larder.it.agent.Repository#findAll() cached key={this.hidden}"), "rules"),
                        (type, errors) -> problems.addAll(errors)));
        ruled.loadClass("dev.larder.it.agent.Repository");
        assertThat(problems)
                .singleElement()
                .asString()
                .contains("cannot read 'hidden' in {this.hidden}")
                .contains("domainClass")
                .contains("tenant");
    }

    private static Object shelf(ClassLoader loader, String name) throws Exception {
        Object shelf = create(loader, "dev.larder.it.agent.Shelf");
        shelf.getClass().getField("name").set(shelf, name);
        return shelf;
    }

    @Test
    void primitivesArraysAndStaticsRoundTrip() throws Throwable {
        Object shapes = create(loader, "dev.larder.it.agent.Shapes");
        for (int round = 0; round < 2; round++) {
            assertThat(call(shapes, "total", 1L, 2.5d, 3, 'a')).isEqualTo(1L + 2 + 3 + 'a');
            assertThat(call(shapes, "ratio", 1d, 4L)).isEqualTo(0.25d);
            assertThat(call(shapes, "flag", true, (short) 1, (byte) 2, 0.5f)).isEqualTo(true);
            assertThat((int[]) call(shapes, "range", 2, 5)).containsExactly(2, 3, 4);
            assertThat(call(shapes, "five", "a", 1, 2L, "d", 0.5d)).isEqualTo("a12d0.5");
            assertThat(call(shapes.getClass(), "twice", "ab")).isEqualTo("abab");
        }
        assertThat(runs(shapes)).isEqualTo(5);
        assertThat(shapes.getClass().getField("STATIC_RUNS").get(null)).hasToString("1");
        call(shapes, "clearTotals");
        call(shapes, "total", 1L, 2.5d, 3, 'a');
        assertThat(runs(shapes)).isEqualTo(6);
        assertThat(problems).isEmpty();
    }

    @Test
    void propertyPathsAreNullSafeAndKeyByTheirValue() throws Throwable {
        Object shapes = create(loader, "dev.larder.it.agent.Shapes");
        Class<?> person = loader.loadClass("dev.larder.it.agent.Shapes$Person");
        Class<?> address = loader.loadClass("dev.larder.it.agent.Shapes$Address");
        Object paris = person.getConstructor(address)
                .newInstance(address.getConstructor(String.class).newInstance("Paris"));
        Object otherParis = person.getConstructor(address)
                .newInstance(address.getConstructor(String.class).newInstance("Paris"));
        Object nowhere = person.getConstructor(address).newInstance((Object) null);
        assertThat(call(shapes, "byCity", paris)).isEqualTo("city Paris");
        assertThat(call(shapes, "byCity", otherParis)).isEqualTo("city Paris");
        assertThat(call(shapes, "byCity", nowhere)).isEqualTo("city null");
        assertThat(call(shapes, "byCity", nowhere)).isEqualTo("city null");
        assertThat(runs(shapes)).isEqualTo(2);
    }

    @Test
    void synchronizedBodiesStillHoldTheLock() throws Throwable {
        Object shapes = create(loader, "dev.larder.it.agent.Shapes");
        assertThat(call(shapes, "locked", "x")).isEqualTo("x");
        assertThat(call(shapes, "locked", "x")).isEqualTo("x");
        assertThat(runs(shapes)).isEqualTo(1);
    }

    @Test
    void annotationsStayOnTheMethodAndStackTracesShowItsBody() throws Throwable {
        Object shapes = create(loader, "dev.larder.it.agent.Shapes");
        Class<?> type = shapes.getClass();
        java.lang.reflect.Method marked = type.getMethod("marked", String.class);
        assertThat(marked.getAnnotations())
                .extracting(a -> a.annotationType().getSimpleName())
                .contains("Marker", "Cached");
        assertThat(marked.getParameterAnnotations()[0]).hasSize(1);
        assertThat(marked.getParameters()[0].getName()).isEqualTo("text");
        assertThat(marked.getExceptionTypes()).containsExactly(IOException.class);
        java.lang.reflect.Method body = type.getDeclaredMethod("marked$larder$body", String.class);
        assertThat(body.isSynthetic()).isTrue();
        assertThat(body.getAnnotations()).isEmpty();

        assertThatThrownBy(() -> call(shapes, "marked", "fail"))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(e.getStackTrace())
                        .extracting(StackTraceElement::getMethodName)
                        .startsWith("marked$larder$body", "marked$larder$miss", "marked"));
        // The failed load left nothing behind: the next call runs the body again.
        assertThatThrownBy(() -> call(shapes, "marked", "fail")).isInstanceOf(IOException.class);
        assertThat(runs(shapes)).isEqualTo(2);
    }
}
