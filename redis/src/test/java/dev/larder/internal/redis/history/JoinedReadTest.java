package dev.larder.internal.redis.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.internal.handle.Loader;
import dev.larder.internal.redis.RedisServerProcess;
import dev.larder.model.CachedSpec;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.RedisClient;

/**
 * On a redis cache, a caller that joins a lookup of its own JVM never gets what that lookup read from Redis before
 * another client's change that completed before the caller started.
 */
@Timeout(60)
class JoinedReadTest {
    /** The method whose declared return type the handle reads from its site. */
    public static class Rows {
        public String row(int id) {
            return "row-" + id;
        }
    }

    private static final CachedHandle ROWS = Handles.cached(
            CachedSpec.of("dev.larder.internal.redis.history.JoinedReadTest$Rows#row(int)", "rows", "{id}", "10m"),
            Rows.class);

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

    private final AtomicInteger version = new AtomicInteger(1);

    private Object row(int id) {
        Object key = ROWS.key(id);
        Object value = ROWS.get(key);
        Loader loader = () -> "v" + version.get();
        return value == CachedHandle.MISS ? ROWS.load(key, loader) : value;
    }

    @Test
    void aCallerJoiningALookupThatReadRedisBeforeAnotherClientsChangeGetsTheChange() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (StallingProxy proxy = new StallingProxy(server.port());
                RedisClient other = RedisClient.create("127.0.0.1", server.port())) {
            String namespace = "joined";
            other.set(namespace + ":rows:gen", "0"); // adopted as it is, so keys read :0:
            configure(namespace, proxy, "20s");
            assertThat(row(1)).isEqualTo("v1");
            long waits = Larder.stats("rows").waits();

            long scripts = server.commandCalls("evalsha");
            proxy.stallReplies();
            Future<Object> first = callers.submit(() -> row(1));
            // The first caller's lookup ran in Redis and found v1; only its reply is held. (A reply held first may be
            // another connection's, such as the subscription's: the server's count says the lookup itself ran.)
            assertThat(proxy.awaitHeldReplies(1, 10_000)).isTrue();
            assertThat(server.awaitCommandCalls(scripts + 1, "evalsha")).isTrue();
            version.set(2);
            other.del(namespace + ":rows:0:1"); // another client's change, complete before the second caller starts
            Future<Object> second = callers.submit(() -> row(1));
            awaitWaits(waits); // the second caller waits on the first one's lookup
            proxy.resume();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("v1"); // began before the change
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("v2");
        } finally {
            Larder.configure(LarderConfig.defaults()); // before the proxy closes under it
            callers.shutdownNow();
        }
    }

    @Test
    void aCallerJoiningALoadWhoseStoreRedisCouldNotTakeRunsTheMethodItself() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(2);
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (StallingProxy proxy = new StallingProxy(server.port());
                RedisClient other = RedisClient.create("127.0.0.1", server.port())) {
            String namespace = "failed";
            other.set(namespace + ":rows:gen", "0");
            configure(namespace, proxy, "1s");
            long waits = Larder.stats("rows").waits();
            Object key = ROWS.key(2);
            Future<Object> first = callers.submit(() -> ROWS.load(key, () -> {
                String read = "v" + version.get(); // the system of record, read before the change
                loading.countDown();
                release.await(10, TimeUnit.SECONDS);
                return read;
            }));
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue(); // the first caller holds the lease and loads
            proxy.stall(); // its store will time out: Redis cannot say whether the lease is still current
            version.set(2);
            other.del(namespace + ":rows:0:2"); // another client's change, complete before the second caller starts
            Future<Object> second = callers.submit(() -> row(2));
            awaitWaits(waits);
            release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("v1"); // began before the change
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("v2");
        } finally {
            release.countDown();
            Larder.configure(LarderConfig.defaults());
            callers.shutdownNow();
        }
    }

    private static void configure(String namespace, StallingProxy proxy, String timeout) {
        Larder.configure(LarderConfig.builder()
                .set("larder.backend", "redis")
                .set("larder.namespace", namespace)
                .set("larder.redis.uri", proxy.uri())
                .set("larder.redis.timeout", timeout)
                // no heartbeat or tick while the proxy holds bytes: the one call held is the test's
                .set("larder.redis.staleness", "1h")
                .set("larder.metrics", "none")
                .build());
    }

    /** Waits until a caller waits on another's load of the key, beyond {@code before} such waits. */
    private static void awaitWaits(long before) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Larder.stats("rows").waits() == before && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(Larder.stats("rows").waits()).isGreaterThan(before);
    }
}
