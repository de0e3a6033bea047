package dev.larder.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.internal.model.CachedSpec;
import dev.larder.internal.model.ResultKind;
import dev.larder.internal.redis.RedisServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;

/**
 * Hits on one real redis-server (started here on a free loopback port): a Larder method on the {@code redis} backend
 * against hand-written Jedis {@code GET} plus JSON decoding of the same value, with the same pool size and thread
 * count; and a {@code tiered} hit (served by the L1) against a {@code local} hit. Throughput, so the ratios read as
 * "fraction of the baseline's calls per second".
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RedisBenchmark {
    static final int KEYS = 1024;
    static final String REDIS_CACHE = "RedisBenchmark.redis";
    static final String TIERED_CACHE = "RedisBenchmark.tiered";
    static final String LOCAL_CACHE = "RedisBenchmark.local";

    /** The cached value: a small record, as a method would return it. */
    public record Book(int id, String title, long priceCents) {}

    RedisServerProcess server;
    RedisClient jedis;
    final ObjectMapper json = new ObjectMapper();
    final byte[][] jedisKeys = new byte[KEYS][];
    CachedHandle onRedis;
    CachedHandle tiered;
    CachedHandle local;

    /** Where each benchmark thread is in the key sequence. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            return next++ & (KEYS - 1);
        }
    }

    @Setup
    public void start() throws IOException {
        server = RedisServerProcess.start();
        Larder.configure(LarderConfig.builder()
                .set("larder.redis.uri", server.uri())
                .set("larder.redis.poolSize", "8")
                .set("larder.cache." + REDIS_CACHE + ".backend", "redis")
                .set("larder.cache." + TIERED_CACHE + ".backend", "tiered")
                .build());
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(8); // the same pool size Larder was given
        jedis = RedisClient.builder()
                .hostAndPort("127.0.0.1", server.port())
                .poolConfig(pool)
                .build();
        onRedis = handle(REDIS_CACHE);
        tiered = handle(TIERED_CACHE);
        local = handle(LOCAL_CACHE);
        for (int i = 0; i < KEYS; i++) {
            jedisKeys[i] = ("bench:book:" + i).getBytes(StandardCharsets.UTF_8);
            jedis.set(jedisKeys[i], json.writeValueAsBytes(book(i)));
            read(onRedis, i);
            read(tiered, i);
            read(local, i);
        }
    }

    private static CachedHandle handle(String cache) {
        return Handles.cached(new CachedSpec(
                "dev.larder.benchmarks.RedisBenchmark#find(int)",
                cache,
                "{id}",
                "10m",
                false,
                ResultKind.VALUE,
                0,
                0,
                Book.class.getTypeName()));
    }

    static Book book(int id) {
        return new Book(id, "Title " + id, 1000L + id);
    }

    private static Object read(CachedHandle handle, int id) {
        Object key = handle.key(id);
        Object value = handle.get(key);
        if (value == CachedHandle.MISS) {
            value = handle.load(key, () -> book(id));
        }
        return value;
    }

    @TearDown
    public void stop() {
        jedis.close();
        Larder.configure(LarderConfig.defaults()); // releases the Redis connections before the server goes
        server.close();
    }

    @Benchmark
    public Object jedisGet(Cursor cursor) throws IOException {
        return json.readValue(jedis.get(jedisKeys[cursor.advance()]), Book.class);
    }

    @Benchmark
    public Object larderRedis(Cursor cursor) {
        return read(onRedis, cursor.advance());
    }

    @Benchmark
    public Object larderTiered(Cursor cursor) {
        return read(tiered, cursor.advance());
    }

    @Benchmark
    public Object larderLocal(Cursor cursor) {
        return read(local, cursor.advance());
    }

    @Benchmark
    @Threads(2)
    public Object jedisGet2Threads(Cursor cursor) throws IOException {
        return jedisGet(cursor);
    }

    @Benchmark
    @Threads(2)
    public Object larderRedis2Threads(Cursor cursor) {
        return larderRedis(cursor);
    }
}
