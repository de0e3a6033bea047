package dev.larder.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.benchmarks.RedisBenchmark.Book;
import dev.larder.internal.handle.BulkHandle;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.internal.redis.RedisServerProcess;
import dev.larder.model.CachedSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * A bulk lookup of 100 keys at 90 % hits: one {@code @CachedAll} call beside the same 100 keys looked up by 100
 * {@code @Cached} calls, beside hand-written Caffeine {@code getAll} (local) and hand-written Jedis {@code MGET} with JSON
 * decoding and a pipelined {@code SET} of the misses (Redis, on a real redis-server started here). Every call asks for
 * 90 keys of a preloaded set and 10 keys never asked for before, so each call misses 10 keys and stores them; the
 * "source" returns values at no cost, so the figures are the cache's own. Average time per call of 100 keys.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class BulkBenchmark {
    static final int KEYS_PER_CALL = 100;
    static final int MISSES_PER_CALL = 10;
    static final int HOT = 1024;
    static final String SITE = "dev.larder.benchmarks.BulkBenchmark#find(int)";

    RedisServerProcess server;
    RedisClient jedis;
    final ObjectMapper json = new ObjectMapper();
    CachedHandle localSingle;
    BulkHandle localBulk;
    CachedHandle redisSingle;
    BulkHandle redisBulk;
    Cache<Integer, Book> caffeine;

    /** The keys of the next call: 90 hot ones in turn and 10 new ones. One per thread. */
    @State(Scope.Thread)
    public static class Keys {
        int hot;
        int fresh = 1_000_000;
        final Set<Integer> next = new LinkedHashSet<>();

        @Setup(Level.Invocation)
        public void advance() {
            next.clear();
            for (int i = 0; i < KEYS_PER_CALL - MISSES_PER_CALL; i++) {
                next.add(hot++ & (HOT - 1));
            }
            for (int i = 0; i < MISSES_PER_CALL; i++) {
                next.add(fresh++);
            }
        }
    }

    @Setup
    public void start() throws IOException {
        server = RedisServerProcess.start();
        Larder.configure(LarderConfig.builder()
                .set("larder.redis.uri", server.uri())
                .set("larder.redis.poolSize", "8")
                .set("larder.local.maxSize", "100000")
                .set("larder.cache.bulk.redis.backend", "redis")
                .build());
        jedis = RedisClient.builder().hostAndPort("127.0.0.1", server.port()).build();
        localSingle = Handles.cached(spec("bulk.local"), BulkBenchmark.class);
        localBulk = Handles.cachedAll(spec("bulk.local"), BulkBenchmark.class);
        redisSingle = Handles.cached(spec("bulk.redis"), BulkBenchmark.class);
        redisBulk = Handles.cachedAll(spec("bulk.redis"), BulkBenchmark.class);
        caffeine = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(Duration.ofMinutes(10))
                .build();
        List<Integer> hot = new ArrayList<>();
        for (int i = 0; i < HOT; i++) {
            hot.add(i);
        }
        localBulk.getAll(hot, localBulk::key, BulkBenchmark::load);
        redisBulk.getAll(hot, redisBulk::key, BulkBenchmark::load);
        caffeine.getAll(hot, BulkBenchmark::loadAll);
        jedisGetAll(hot);
    }

    private static CachedSpec spec(String cache) {
        return CachedSpec.of(SITE, cache, "{id}", "10m").withReturnType(Book.class.getTypeName());
    }

    /** The source: a book for every id, at no cost. */
    static Map<?, ?> load(Collection<Object> ids) {
        Map<Object, Book> found = new HashMap<>();
        for (Object id : ids) {
            found.put(id, RedisBenchmark.book((Integer) id));
        }
        return found;
    }

    static Map<Integer, Book> loadAll(Set<? extends Integer> ids) {
        Map<Integer, Book> found = new HashMap<>();
        for (Integer id : ids) {
            found.put(id, RedisBenchmark.book(id));
        }
        return found;
    }

    private static Map<Object, Object> singles(CachedHandle handle, Set<Integer> ids) {
        Map<Object, Object> found = new LinkedHashMap<>();
        for (Integer id : ids) {
            Object key = handle.key(id);
            Object value = handle.get(key);
            if (value == CachedHandle.MISS) {
                value = handle.load(key, () -> RedisBenchmark.book(id));
            }
            found.put(id, value);
        }
        return found;
    }

    /** Hand-written read-through over Jedis: one MGET, JSON decoding, the misses loaded and SET in one pipeline. */
    private Map<Integer, Book> jedisGetAll(Collection<Integer> ids) throws IOException {
        byte[][] keys = new byte[ids.size()][];
        List<Integer> order = new ArrayList<>(ids);
        for (int i = 0; i < keys.length; i++) {
            keys[i] = ("bench:bulk:" + order.get(i)).getBytes(StandardCharsets.UTF_8);
        }
        List<byte[]> values = jedis.mget(keys);
        Map<Integer, Book> found = new LinkedHashMap<>();
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            byte[] bytes = values.get(i);
            if (bytes == null) {
                missing.add(order.get(i));
            } else {
                found.put(order.get(i), json.readValue(bytes, Book.class));
            }
        }
        if (!missing.isEmpty()) {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                for (Integer id : missing) {
                    Book book = RedisBenchmark.book(id);
                    pipeline.set(
                            ("bench:bulk:" + id).getBytes(StandardCharsets.UTF_8),
                            json.writeValueAsBytes(book),
                            SetParams.setParams().px(600_000));
                    found.put(id, book);
                }
                pipeline.sync();
            }
        }
        return found;
    }

    @TearDown
    public void stop() {
        jedis.close();
        Larder.configure(LarderConfig.defaults()); // releases the Redis connections before the server goes
        server.close();
    }

    @Benchmark
    public Object localBulk(Keys keys) {
        return localBulk.getAll(keys.next, localBulk::key, BulkBenchmark::load);
    }

    @Benchmark
    public Object localSingles(Keys keys) {
        return singles(localSingle, keys.next);
    }

    @Benchmark
    public Object caffeineGetAll(Keys keys) {
        return caffeine.getAll(keys.next, BulkBenchmark::loadAll);
    }

    @Benchmark
    public Object redisBulk(Keys keys) {
        return redisBulk.getAll(keys.next, redisBulk::key, BulkBenchmark::load);
    }

    @Benchmark
    public Object redisSingles(Keys keys) {
        return singles(redisSingle, keys.next);
    }

    @Benchmark
    public Object jedisMget(Keys keys) throws IOException {
        return jedisGetAll(keys.next);
    }
}
