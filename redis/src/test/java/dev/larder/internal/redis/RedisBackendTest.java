package dev.larder.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.BulkHandle;
import dev.larder.internal.handle.BulkHandle.BulkLoader;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.internal.handle.InvalidateHandle;
import dev.larder.internal.handle.Loader;
import dev.larder.internal.handle.WriteThroughHandle;
import dev.larder.internal.state.LarderRuntime;
import dev.larder.model.CachedSpec;
import dev.larder.model.InvalidateSpec;
import dev.larder.model.ResultKind;
import dev.larder.model.WriteSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.RedisClient;

/** The Redis backend against a real redis-server: values, keys, generations, codecs and faults. */
class RedisBackendTest {
    /** A value type the JSON codec must rebuild from the declared {@code List<Book>}. */
    public record Book(int id, String title) {}

    /** The methods whose declared return types the handles read from their sites. */
    public static class Library {
        public List<Book> books(int shelf) {
            return List.of(new Book(shelf, "title-" + shelf));
        }

        public Optional<Book> maybe(int id) {
            return Optional.of(new Book(id, "maybe"));
        }

        public CompletableFuture<Book> later(int id) {
            return CompletableFuture.completedFuture(new Book(id, "later"));
        }
    }

    private static final String LIBRARY = "dev.larder.internal.redis.RedisBackendTest$Library";
    private static final CachedHandle BOOKS =
            Handles.cached(CachedSpec.of(LIBRARY + "#books(int)", "books", "{shelf}", "10m"), Library.class);
    private static final CachedHandle TYPED = Handles.cached(
            CachedSpec.of("elsewhere#typed(int)", "typed", "{id}", "10m")
                    .withReturnType("java.util.List<dev.larder.internal.redis.RedisBackendTest$Book>"),
            Library.class);
    private static final CachedHandle MAYBE = Handles.cached(
            CachedSpec.of(LIBRARY + "#maybe(int)", "maybe", "{id}", "10m").withResult(ResultKind.OPTIONAL),
            Library.class);
    private static final CachedHandle LATER = Handles.cached(
            CachedSpec.of(LIBRARY + "#later(int)", "later", "{id}", "10m").withResult(ResultKind.FUTURE),
            Library.class);
    private static final InvalidateHandle CLEAR_BOOKS =
            Handles.invalidate(new InvalidateSpec(LIBRARY + "#clear()", "books", "", true));
    private static final InvalidateHandle REMOVE_BOOK =
            Handles.invalidate(new InvalidateSpec(LIBRARY + "#remove(int)", "books", "{shelf}", false));
    private static final WriteThroughHandle SAVE_BOOKS =
            Handles.writeThrough(new WriteSpec(LIBRARY + "#save(int,List)", "books", "{shelf}", "1h"));

    private static final BulkHandle SOME_BOOKS = Handles.cachedAll(
            CachedSpec.of(LIBRARY + "#some(Set)", "some", "{id}", "10m").withReturnType("java.lang.String"),
            Library.class);

    private static RedisServerProcess server;
    private RedisClient redis;
    private final AtomicInteger loads = new AtomicInteger();
    private String namespace;

    @BeforeAll
    static void startRedis() {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        Larder.configure(LarderConfig.defaults());
        server.close();
    }

    @AfterEach
    void closeClient() {
        redis.close();
    }

    @BeforeEach
    void configure(TestInfo test) {
        redis = RedisClient.create("127.0.0.1", server.port());
        namespace = "t-" + test.getTestMethod().orElseThrow().getName();
        for (String cache : List.of("books", "maybe", "later", "typed")) {
            redis.set(namespace + ":" + cache + ":gen", "0"); // adopted as it is, so keys read :0:
        }
        configure("redis", "2s");
    }

    private void configure(String backend, String timeout) {
        Larder.configure(LarderConfig.builder()
                .set("larder.backend", backend)
                .set("larder.namespace", namespace)
                .set("larder.redis.uri", server.uri())
                .set("larder.redis.timeout", timeout)
                .set("larder.metrics", "none")
                .build());
    }

    static void awaitSubscribed() throws InterruptedException {
        assertThat(RedisTiers.of(LarderRuntime.current()).awaitSubscribed(10, TimeUnit.SECONDS))
                .isTrue();
    }

    private Object call(CachedHandle handle, int id, Loader loader) {
        Object key = handle.key(id);
        Object value = handle.get(key);
        return value == CachedHandle.MISS ? handle.load(key, loader) : value;
    }

    private Object books(int shelf) {
        return call(BOOKS, shelf, () -> {
            loads.incrementAndGet();
            return new Library().books(shelf);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis", "tiered"})
    void aBulkLookupGivesUpTheLeasesOfTheKeysTheMethodLeftOutInOneRoundTrip(String backend) throws Exception {
        Larder.configure(LarderConfig.builder()
                .set("larder.backend", backend)
                .set("larder.namespace", namespace + "-" + backend)
                .set("larder.redis.uri", server.uri())
                .set("larder.redis.staleness", "2m") // no tick of the tier's timer calls Redis during the test
                .set("larder.metrics", "none")
                .build());
        awaitSubscribed(); // the channel's first regain (it reads generations) is over before commands are counted
        List<List<Object>> calls = new ArrayList<>();
        BulkLoader evenOnly = missing -> {
            calls.add(List.copyOf(missing));
            Map<Object, Object> rows = new HashMap<>();
            missing.stream().filter(id -> (Integer) id % 2 == 0).forEach(id -> rows.put(id, "book " + id));
            return rows;
        };
        // The cache's generation is read, and each script is loaded: a stored key, a key left out
        SOME_BOOKS.getAll(List.of(100, 101), SOME_BOOKS::key, evenOnly);
        List<Integer> ids = IntStream.range(0, 20).boxed().toList();
        long scripts = server.commandCalls("eval", "evalsha");
        long gets = server.commandCalls("get");

        assertThat(SOME_BOOKS.getAll(ids, SOME_BOOKS::key, evenOnly)).hasSize(10);
        assertThat(server.commandCalls("eval", "evalsha") - scripts)
                .as("the lookup, the stores of the ten present keys, the leases of the ten absent ones given up")
                .isEqualTo(3);
        assertThat(server.commandCalls("get") - gets)
                .as("no GET of its own: only the scripts', one per key each (Redis counts commands run by scripts)")
                .isEqualTo(20 + 10 + 10);

        SOME_BOOKS.getAll(ids, SOME_BOOKS::key, evenOnly);
        assertThat(calls.get(calls.size() - 1))
                .as("the absent keys were given up, not left leased: loaded again at once")
                .containsExactlyElementsOf(
                        IntStream.range(0, 10).mapToObj(i -> 2 * i + 1).toList());
    }

    @Test
    void valueIsStoredInRedisWithItsTtlAndDecodedIntoTheDeclaredGenericType() {
        assertThat(books(7)).isEqualTo(List.of(new Book(7, "title-7")));
        Larder.configure(Larder.config()); // a fresh runtime: nothing local, so only Redis can answer
        Object again = books(7);
        assertThat(loads).hasValue(1);
        assertThat(again).isEqualTo(List.of(new Book(7, "title-7")));
        assertThat(((List<?>) again).get(0)).isInstanceOf(Book.class);
        long ttl = redis.pttl(namespace + ":books:0:7");
        assertThat(ttl).isBetween(1L, TimeUnit.MINUTES.toMillis(10));
    }

    @Test
    void explicitReturnTypeDecodesWithoutTheSite() {
        Loader loader = () -> {
            loads.incrementAndGet();
            return List.of(new Book(1, "typed"));
        };
        call(TYPED, 1, loader);
        Larder.configure(Larder.config());
        assertThat(call(TYPED, 1, loader)).isEqualTo(List.of(new Book(1, "typed")));
        assertThat(loads).hasValue(1);
    }

    @Test
    void optionalAndFutureResultsStoreTheirInnerValue() throws Exception {
        call(MAYBE, 3, () -> new Library().maybe(3));
        Object future = call(LATER, 4, () -> new Library().later(4));
        ((CompletableFuture<?>) future).get(5, TimeUnit.SECONDS);
        Larder.configure(Larder.config());
        assertThat(call(MAYBE, 3, () -> Optional.empty())).isEqualTo(Optional.of(new Book(3, "maybe")));
        Object cached = call(LATER, 4, () -> CompletableFuture.completedFuture(null));
        assertThat(((CompletableFuture<?>) cached).get(5, TimeUnit.SECONDS)).isEqualTo(new Book(4, "later"));
        assertThat(new String(
                        redis.get((namespace + ":maybe:0:3").getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
                .endsWith("{\"id\":3,\"title\":\"maybe\"}");
    }

    @Test
    void foreignBytesUnderAKeyAreACountedMissNeverAnException() {
        redis.set(namespace + ":books:0:9", "{\"@class\":\"java.lang.ProcessBuilder\"}");
        long errors = Larder.stats("books").backendErrors();
        assertThat(books(9)).isEqualTo(List.of(new Book(9, "title-9")));
        assertThat(loads).hasValue(1);
        assertThat(Larder.stats("books").backendErrors()).isGreaterThan(errors);
        Larder.configure(Larder.config());
        assertThat(books(9)).isEqualTo(List.of(new Book(9, "title-9")));
        assertThat(loads).hasValue(1); // the load replaced the foreign bytes
    }

    @Test
    void invalidateAllStartsANewGenerationInsteadOfScanningKeys() {
        books(1);
        books(2);
        CLEAR_BOOKS.invalidateAll();
        String gen = redis.get(namespace + ":books:gen");
        assertThat(Long.parseLong(gen)).isPositive();
        books(1);
        assertThat(loads).hasValue(3);
        assertThat(redis.exists(namespace + ":books:" + gen + ":1")).isTrue();
        Larder.configure(Larder.config()); // a new runtime reads the generation from Redis
        books(1);
        books(2);
        assertThat(loads).hasValue(4);
    }

    @Test
    void invalidateReplacesTheValueByATombstone() {
        books(5);
        REMOVE_BOOK.invalidate(REMOVE_BOOK.key(5));
        byte[] held = redis.get((namespace + ":books:0:5").getBytes(StandardCharsets.UTF_8));
        assertThat(Envelope.isTombstone(held))
                .as("the key holds the invalidation's tombstone")
                .isTrue();
        assertThat(redis.pttl(namespace + ":books:0:5")).as("which expires").isPositive();
        books(5);
        assertThat(loads).hasValue(2);
    }

    @Test
    void writeThroughStoresInRedisSynchronouslyWithItsTtl() {
        SAVE_BOOKS.put(SAVE_BOOKS.key(6), List.of(new Book(6, "written")));
        assertThat(redis.pttl(namespace + ":books:0:6")).isGreaterThan(TimeUnit.MINUTES.toMillis(50));
        assertThat(books(6)).isEqualTo(List.of(new Book(6, "written")));
        assertThat(loads).hasValue(0);
    }

    @Test
    void tieredServesItsL1AndFillsItFromRedis() throws InterruptedException {
        configure("tiered", "2s");
        awaitSubscribed();
        books(8);
        assertThat(BOOKS.get(BOOKS.key(8))).isEqualTo(List.of(new Book(8, "title-8"))); // the hit path: L1 only
        Larder.configure(Larder.config());
        awaitSubscribed();
        books(8);
        assertThat(BOOKS.get(BOOKS.key(8))).isEqualTo(List.of(new Book(8, "title-8")));
        assertThat(loads).hasValue(1);
    }

    @Test
    void redisKilledMidLoadReachesNoCallerAndCachingResumesWhenItIsBack() {
        configure("redis", "300ms");
        Object value = call(BOOKS, 11, () -> {
            server.kill();
            return new Library().books(11);
        });
        assertThat(value).isEqualTo(List.of(new Book(11, "title-11")));
        for (int i = 0; i < 20; i++) {
            assertThat(books(12)).isEqualTo(List.of(new Book(12, "title-12"))); // uncached, never an exception
        }
        assertThat(Larder.stats("books").backendErrors()).isPositive();
        assertThat(Larder.stats("books").breakerState()).isEqualTo(CircuitBreaker.OPEN);
        server.restart();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int before;
        do {
            before = loads.get();
            books(13);
        } while ((loads.get() > before || !storedInRedis(13)) && System.nanoTime() < deadline);
        int settled = loads.get();
        books(13);
        assertThat(loads).hasValue(settled); // cached in Redis again
        assertThat(Larder.stats("books").breakerState()).isEqualTo(CircuitBreaker.CLOSED);
    }

    /** Whether the shelf's key exists in the current generation (which a restart moved on). */
    private boolean storedInRedis(int shelf) {
        try {
            return redis.exists(namespace + ":books:" + redis.get(namespace + ":books:gen") + ":" + shelf);
        } catch (RuntimeException e) {
            return false; // a pooled connection of the killed server
        }
    }

    @Test
    void pausedRedisCostsTheTimeoutOnlyUntilTheBreakerOpens() {
        configure("redis", "200ms");
        books(20); // connections are open
        server.pause();
        try {
            for (int i = 0; i < RedisTier.FAILURE_THRESHOLD; i++) {
                long start = System.nanoTime();
                books(21 + i);
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                        .isLessThan(1500);
            }
            assertThat(Larder.stats("books").breakerState()).isEqualTo(CircuitBreaker.OPEN);
            long start = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                books(100 + i);
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(500);
        } finally {
            server.resume();
        }
    }
}
