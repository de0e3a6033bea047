package dev.larder.internal.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.ConfigurationException;
import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.redis.RedisServerProcess;
import dev.larder.internal.redis.RedisTiers;
import dev.larder.internal.state.LarderRuntime;
import dev.larder.model.CachedSpec;
import dev.larder.model.ResultKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code larder.cache.<name>.copy=true}: a caller that mutates what a cached method returned changes nothing another
 * caller gets, in every tier, and copies come back as the declared type.
 */
@Timeout(60)
class CopyOnReadTest {
    /** A mutable value, as an entity or a form-backing object is. */
    public static class Book {
        public String title;

        public Book() {}

        Book(String title) {
            this.title = title;
        }
    }

    public static class Library {
        public Book find(int id) {
            return new Book("b" + id);
        }

        public List<Book> shelf(int id) {
            return List.of(new Book("s" + id));
        }

        public Optional<Book> maybe(int id) {
            return Optional.of(new Book("m" + id));
        }

        public Object anything(int id) {
            return new Book("a" + id);
        }
    }

    private static final String LIBRARY = Library.class.getName();
    private static RedisServerProcess server;

    @BeforeAll
    static void startRedis() {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        Larder.configure(LarderConfig.defaults());
        server.close();
    }

    private static void configure(String backend, String namespace, String copy) throws InterruptedException {
        Larder.configure(LarderConfig.builder()
                .set("larder.backend", backend)
                .set("larder.namespace", namespace)
                .set("larder.redis.uri", server.uri())
                .set("larder.metrics", "none")
                .set("larder.cache." + namespace + ".copy", copy)
                .build());
        if (backend.equals("tiered")) {
            // The L1 keeps values once other JVMs' invalidations can reach it
            assertThat(RedisTiers.of(LarderRuntime.current()).awaitSubscribed(10, TimeUnit.SECONDS))
                    .isTrue();
        }
    }

    private static CachedHandle handle(String method, String cache) {
        return Handles.cached(CachedSpec.of(LIBRARY + "#" + method + "(int)", cache, "{id}", "10m"), Library.class);
    }

    /** One call as generated code makes it. */
    private static Object call(CachedHandle handle, int id, Object result, AtomicInteger loads) {
        Object key = handle.key(id);
        Object value = handle.get(key);
        if (value == CachedHandle.MISS) {
            value = handle.load(key, () -> {
                loads.incrementAndGet();
                return result;
            });
        }
        return value;
    }

    /** One call as woven code makes it: the body's own result goes back to the loading caller. */
    private static Object wovenCall(CachedHandle handle, int id, Object result) {
        Object key = handle.key(id);
        Object value = handle.get(key);
        if (value == CachedHandle.MISS) {
            value = handle.begin(key, null);
            if (value instanceof CachedHandle.Ticket) {
                handle.complete(value, result);
                value = result;
            }
        }
        return value;
    }

    @Test
    void aMutatedResultDoesNotLeakIntoTheNextCallersLocal() throws InterruptedException {
        configure("local", "copy-local", "true");
        assertIsolated(handle("find", "copy-local"));
    }

    @Test
    void aMutatedResultDoesNotLeakIntoTheNextCallersTiered() throws InterruptedException {
        configure("tiered", "copy-tiered", "true");
        CachedHandle handle = handle("find", "copy-tiered");
        assertIsolated(handle);

        // A fresh L1 (same Redis): the value read from Redis and kept in L1 is not the one its caller gets either
        configure("tiered", "copy-tiered", "true");
        AtomicInteger loads = new AtomicInteger();
        Book fromRedis = (Book) call(handle, 2, new Book("never"), loads);
        fromRedis.title = "changed";
        assertThat(loads).as("served from Redis").hasValue(0);
        assertThat(((Book) call(handle, 2, new Book("never"), loads)).title).isEqualTo("b2");
    }

    @Test
    void onRedisAloneEveryCallerGetsItsOwnObjectToo() throws InterruptedException {
        configure("redis", "copy-redis", "true");
        assertIsolated(handle("find", "copy-redis"));
    }

    private static void assertIsolated(CachedHandle handle) {
        AtomicInteger loads = new AtomicInteger();
        Book loaded = new Book("b2");
        Book first = (Book) call(handle, 2, loaded, loads);
        assertThat(first).as("the loading caller gets the method's own result").isSameAs(loaded);
        first.title = "mutated by the first caller";

        Book second = (Book) call(handle, 2, new Book("never"), loads);
        assertThat(second.title).isEqualTo("b2");
        second.title = "mutated by the second caller";
        Book third = (Book) call(handle, 2, new Book("never"), loads);
        assertThat(third.title).isEqualTo("b2");
        assertThat(third).isNotSameAs(second).isNotSameAs(first);
        assertThat(loads).hasValue(1);

        Book woven = new Book("b3");
        assertThat(wovenCall(handle, 3, woven)).isSameAs(woven);
        woven.title = "mutated by the woven caller";
        assertThat(((Book) wovenCall(handle, 3, new Book("never"))).title).isEqualTo("b3");
    }

    @Test
    void withoutCopyCallersShareTheCachedObject() throws InterruptedException {
        configure("local", "copy-off", "false");
        CachedHandle handle = handle("find", "copy-off");
        AtomicInteger loads = new AtomicInteger();
        Book first = (Book) call(handle, 2, new Book("b2"), loads);
        assertThat(call(handle, 2, new Book("never"), loads)).isSameAs(first);
    }

    @Test
    void aGenericListComesBackAsTheDeclaredType() throws InterruptedException {
        configure("local", "copy-list", "true");
        CachedHandle handle = handle("shelf", "copy-list");
        AtomicInteger loads = new AtomicInteger();
        List<Book> loaded = new ArrayList<>(List.of(new Book("s1")));
        call(handle, 1, loaded, loads);
        loaded.add(new Book("added"));

        Object hit = call(handle, 1, List.of(), loads);
        assertThat(hit).isInstanceOf(List.class).isNotSameAs(loaded);
        assertThat((List<?>) hit).singleElement().isInstanceOf(Book.class);
        assertThat(((Book) ((List<?>) hit).get(0)).title).isEqualTo("s1");
    }

    @Test
    void anOptionalsContentIsCopied() throws InterruptedException {
        configure("local", "copy-optional", "true");
        CachedHandle handle = Handles.cached(
                CachedSpec.of(LIBRARY + "#maybe(int)", "copy-optional", "{id}", "10m")
                        .withResult(ResultKind.OPTIONAL),
                Library.class);
        AtomicInteger loads = new AtomicInteger();
        Optional<?> first = (Optional<?>) call(handle, 1, Optional.of(new Book("m1")), loads);
        ((Book) first.orElseThrow()).title = "changed";
        Optional<?> second = (Optional<?>) call(handle, 1, Optional.empty(), loads);
        assertThat(second.orElseThrow()).isInstanceOf(Book.class);
        assertThat(((Book) second.orElseThrow()).title).isEqualTo("m1");
    }

    @Test
    void aMethodWhoseTypeCannotBeCopiedIsRefusedByName() throws InterruptedException {
        configure("local", "copy-object", "true");
        CachedHandle handle = handle("anything", "copy-object");
        assertThatThrownBy(() -> call(handle, 1, new Book("a1"), new AtomicInteger()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("larder.cache.copy-object.copy")
                .hasMessageContaining(LIBRARY + "#anything(int)");
    }

    @Test
    void aValueOtherThanTrueOrFalseIsRefused() {
        assertThatThrownBy(() -> LarderConfig.builder().set("larder.cache.books.copy", "yes"))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.key()).isEqualTo("larder.cache.books.copy");
                    assertThat(e.value()).isEqualTo("yes");
                    assertThat(e.getMessage()).contains("true").contains("false");
                });
        assertThat(LarderConfig.builder()
                        .set("larder.cache.books.copy", "TRUE")
                        .build()
                        .cacheCopy("books"))
                .isTrue();
        assertThat(LarderConfig.defaults().cacheCopy("books")).isFalse();
    }
}
