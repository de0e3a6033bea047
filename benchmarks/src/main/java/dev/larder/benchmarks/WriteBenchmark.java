package dev.larder.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.Handles;
import dev.larder.internal.handle.WriteThroughHandle;
import dev.larder.internal.redis.LeaseScripts;
import dev.larder.internal.redis.RedisServerProcess;
import dev.larder.model.WriteSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * What versioning costs a write-through on one real redis-server, all three over the same 1,024 keys, which are
 * overwritten again and again as a busy table's rows are. {@code plainSet} is hand-written Jedis, {@code SET … PX} of
 * the JSON value, the unversioned baseline; {@code versionedScript} is the same write through the versioned-write
 * script ({@code EVALSHA}: read the held version, compare, {@code SET}, {@code PEXPIREAT}) with a stamped envelope
 * built here by hand, so it isolates the script's cost; {@code larderWrite} is a whole Larder {@code @WriteThrough} on
 * the {@code redis} backend (key encoding, codec, envelope, version, script, invalidation message). Average time per
 * write, one thread. Each trial also prints the server's {@code INFO commandstats}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class WriteBenchmark {
    static final String CACHE = "WriteBenchmark.redis";
    static final int KEYS = 1024;
    static final long TTL_MILLIS = TimeUnit.MINUTES.toMillis(10);
    static final long NODE = 0x1234abcdL;

    RedisServerProcess server;
    RedisClient jedis;
    final ObjectMapper json = new ObjectMapper();
    final AtomicLong next = new AtomicLong();
    final AtomicLong clock = new AtomicLong();
    byte[] write;
    WriteThroughHandle through;

    @Setup
    public void start() {
        server = RedisServerProcess.start();
        Larder.configure(LarderConfig.builder()
                .set("larder.redis.uri", server.uri())
                .set("larder.redis.poolSize", "8")
                .set("larder.cache." + CACHE + ".backend", "redis")
                .build());
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(8);
        jedis = RedisClient.builder()
                .hostAndPort("127.0.0.1", server.port())
                .poolConfig(pool)
                .build();
        write = jedis.scriptLoad(LeaseScripts.WRITE).getBytes(StandardCharsets.US_ASCII);
        through = Handles.writeThrough(
                new WriteSpec("dev.larder.benchmarks.WriteBenchmark#save(Book)", CACHE, "{id}", "10m"));
    }

    @TearDown
    public void stop(BenchmarkParams params) {
        for (String line : jedis.info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                System.out.println("# " + params.getBenchmark() + " " + line);
            }
        }
        jedis.close();
        Larder.configure(LarderConfig.defaults());
        server.close();
    }

    @Benchmark
    public Object plainSet() throws IOException {
        int id = (int) (next.incrementAndGet() % KEYS);
        byte[] key = ("bench:plain:" + id).getBytes(StandardCharsets.UTF_8);
        return jedis.set(
                key,
                json.writeValueAsBytes(RedisBenchmark.book(id)),
                SetParams.setParams().px(TTL_MILLIS));
    }

    @Benchmark
    public Object versionedScript() throws IOException {
        int id = (int) (next.incrementAndGet() % KEYS);
        byte[] key = ("bench:versioned:" + id).getBytes(StandardCharsets.UTF_8);
        long now = System.currentTimeMillis();
        long version = clock.accumulateAndGet(now << 10, (last, physical) -> Math.max(last + 1, physical));
        byte[] body = json.writeValueAsBytes(RedisBenchmark.book(id));
        // The runtime's envelope, format 2: magic, format, kind, stamp (14 + 8 hex digits), two longs, the body.
        ByteBuffer value = ByteBuffer.allocate(41 + body.length)
                .put((byte) 'L')
                .put((byte) 2)
                .put((byte) 0);
        value.put(String.format("%014x%08x", version, NODE).getBytes(StandardCharsets.US_ASCII));
        value.putLong(now).putLong(0).put(body);
        byte[] expiresAt = Long.toString(now + TTL_MILLIS).getBytes(StandardCharsets.US_ASCII);
        return jedis.evalsha(write, List.of(key), List.of(value.array(), expiresAt));
    }

    @Benchmark
    public void larderWrite() {
        int id = (int) (next.incrementAndGet() % KEYS);
        through.put(through.key(id), RedisBenchmark.book(id));
    }
}
