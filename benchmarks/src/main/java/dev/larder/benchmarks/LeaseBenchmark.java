package dev.larder.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.internal.redis.LeaseScripts;
import dev.larder.internal.redis.RedisServerProcess;
import dev.larder.model.CachedSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
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
 * What the lease costs on a miss, on one real redis-server: every operation misses a key never seen before and stores
 * its value. {@code plainGetSet} is hand-written Jedis, {@code GET} then {@code SET … PX} of the JSON value, the
 * unprotected baseline; {@code leaseScripts} is the same miss through the lease's two scripts ({@code EVALSHA} of
 * get-or-lease, then of compare-and-set, with a fresh token and its SHA-1), so it isolates the protocol's cost; {@code
 * larderMiss} is a whole Larder miss on the {@code redis} backend (key encoding, single-flight, envelope, lease).
 * Average time per miss, one thread. Each trial also prints the server's {@code INFO commandstats} (time per command on
 * the server, which a loaded machine disturbs less than round trips; commands run inside a script are listed too).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class LeaseBenchmark {
    static final String CACHE = "LeaseBenchmark.redis";
    static final long TTL_MILLIS = TimeUnit.MINUTES.toMillis(10);
    static final byte[] TTL = Long.toString(TTL_MILLIS).getBytes(StandardCharsets.US_ASCII);
    static final byte[] LEASE_TTL = "30000".getBytes(StandardCharsets.US_ASCII);

    RedisServerProcess server;
    RedisClient jedis;
    final ObjectMapper json = new ObjectMapper();
    final AtomicLong next = new AtomicLong();
    byte[] getOrLease;
    byte[] replace;
    CachedHandle onRedis;

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
        getOrLease = jedis.scriptLoad(LeaseScripts.GET_OR_LEASE).getBytes(StandardCharsets.US_ASCII);
        replace = jedis.scriptLoad(LeaseScripts.REPLACE).getBytes(StandardCharsets.US_ASCII);
        onRedis = Handles.cached(CachedSpec.of("dev.larder.benchmarks.LeaseBenchmark#find(long)", CACHE, "{id}", "10m")
                .withReturnType(RedisBenchmark.Book.class.getTypeName()));
    }

    @TearDown
    public void stop(BenchmarkParams params) {
        // The server's own time per command, which the machine's load disturbs far less than the round trips.
        for (String line : jedis.info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                System.out.println("# " + params.getBenchmark() + " " + line);
            }
        }
        jedis.close();
        Larder.configure(LarderConfig.defaults());
        server.close();
    }

    static RedisBenchmark.Book book(long id) {
        return RedisBenchmark.book((int) id);
    }

    @Benchmark
    public Object plainGetSet() throws IOException {
        long id = next.incrementAndGet();
        byte[] key = ("bench:plain:" + id).getBytes(StandardCharsets.UTF_8);
        byte[] value = jedis.get(key);
        if (value == null) {
            value = json.writeValueAsBytes(book(id));
            jedis.set(key, value, SetParams.setParams().px(TTL_MILLIS));
        }
        return value;
    }

    @Benchmark
    public Object leaseScripts() throws IOException {
        long id = next.incrementAndGet();
        byte[] key = ("bench:lease:" + id).getBytes(StandardCharsets.UTF_8);
        byte[] marker = ("\u0001larder-lease:" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
        Object found = jedis.evalsha(getOrLease, List.of(key), List.of(marker, LEASE_TTL));
        if (found != null) {
            return found;
        }
        byte[] value = json.writeValueAsBytes(book(id));
        byte[] expected = sha1(marker).getBytes(StandardCharsets.US_ASCII);
        return jedis.evalsha(replace, List.of(key), List.of(expected, value, TTL));
    }

    @Benchmark
    public Object larderMiss() {
        long id = next.incrementAndGet();
        Object key = onRedis.key(id);
        Object value = onRedis.get(key);
        return value != CachedHandle.MISS ? value : onRedis.load(key, () -> book(id));
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
