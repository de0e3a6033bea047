package dev.larder.internal.redis.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.internal.handle.Loader;
import dev.larder.internal.redis.RedisServerProcess;
import dev.larder.model.CachedSpec;
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
            Larder.configure(LarderConfig.builder()
                    .set("larder.backend", "redis")
                    .set("larder.namespace", namespace)
                    .set("larder.redis.uri", proxy.uri())
                    .set("larder.redis.timeout", "20s")
                    // no heartbeat or tick while replies are held: the one reply held is the first caller's lookup
                    .set("larder.redis.staleness", "1h")
                    .set("larder.metrics", "none")
                    .build());
            assertThat(row(1)).isEqualTo("v1");
            long waits = Larder.stats("rows").waits();

            proxy.stallReplies();
            Future<Object> first = callers.submit(() -> row(1));
            // The first caller's lookup ran in Redis and found v1; only its reply is held.
            assertThat(proxy.awaitHeldReplies(1, 10_000)).isTrue();
            version.set(2);
            other.del(namespace + ":rows:0:1"); // another client's change, complete before the second caller starts
            Future<Object> second = callers.submit(() -> row(1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Larder.stats("rows").waits() == waits && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // until the second caller waits on the first one's lookup
            }
            assertThat(Larder.stats("rows").waits()).isGreaterThan(waits);
            proxy.resume();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("v1"); // began before the change
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("v2");
        } finally {
            Larder.configure(LarderConfig.defaults()); // before the proxy closes under it
            callers.shutdownNow();
        }
    }
}
