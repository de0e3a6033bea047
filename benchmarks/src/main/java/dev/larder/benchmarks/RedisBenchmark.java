package dev.larder.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.internal.redis.RedisServerProcess;
import dev.larder.model.CachedSpec;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 * "fraction of the baseline's calls per second". {@code rawGet} is the server's own ceiling for this machine and thread
 * count, in the manner of {@code redis-benchmark -t get -P 1} (which is not available as a Maven artifact): a bare
 * RESP {@code GET} over one socket per thread, reading the reply and decoding nothing.
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
        return Handles.cached(CachedSpec.of("dev.larder.benchmarks.RedisBenchmark#find(int)", cache, "{id}", "10m")
                .withReturnType(Book.class.getTypeName()));
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

    /** One plain socket per benchmark thread, speaking RESP directly, with each key's request encoded once. */
    @State(Scope.Thread)
    public static class RawConnection {
        Socket socket;
        OutputStream out;
        InputStream in;
        final byte[][] requests = new byte[KEYS][];
        int next;

        @Setup
        public void open(RedisBenchmark benchmark) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), benchmark.server.port());
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < KEYS; i++) {
                byte[] key = benchmark.jedisKeys[i];
                byte[] head = ("*2\r\n$3\r\nGET\r\n$" + key.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
                byte[] request = Arrays.copyOf(head, head.length + key.length + 2);
                System.arraycopy(key, 0, request, head.length, key.length);
                request[request.length - 2] = '\r';
                request[request.length - 1] = '\n';
                requests[i] = request;
            }
        }

        /** Sends one GET and reads its bulk reply; returns the value's length. */
        int get() throws IOException {
            out.write(requests[next++ & (KEYS - 1)]);
            out.flush();
            if (in.read() != '$') {
                throw new IOException("not a bulk reply");
            }
            int length = 0;
            for (int c = in.read(); c != '\r'; c = in.read()) {
                length = length * 10 + (c - '0');
            }
            in.read(); // '\n'
            for (int remaining = length + 2; remaining > 0; ) {
                remaining -= (int) in.skip(remaining);
            }
            return length;
        }

        @TearDown
        public void close() throws IOException {
            socket.close();
        }
    }

    @Benchmark
    public int rawGet(RawConnection connection) throws IOException {
        return connection.get();
    }

    @Benchmark
    @Threads(2)
    public int rawGet2Threads(RawConnection connection) throws IOException {
        return connection.get();
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
