package dev.larder.internal.redis;

import static dev.larder.internal.redis.TierMember.CLEAR;
import static dev.larder.internal.redis.TierMember.LOADS;
import static dev.larder.internal.redis.TierMember.REMOVE;
import static dev.larder.internal.redis.TierMember.ROWS;
import static dev.larder.internal.redis.TierMember.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.redis.history.StallingProxy;
import dev.larder.internal.state.LarderRuntime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/**
 * Tiered and redis invalidation across JVMs and faults, against a real redis-server: this JVM and, where the defect is
 * between JVMs, a forked {@link TierMember} that shares nothing with it but Redis.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TieredInvalidationTest {
    private static RedisServerProcess server;
    private String namespace;
    private Member member;

    @BeforeAll
    static void startRedis() {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        Larder.configure(LarderConfig.defaults());
        server.close();
    }

    @BeforeEach
    void name(TestInfo test) {
        namespace = "tier-" + test.getTestMethod().orElseThrow().getName() + "-" + System.nanoTime();
        ROWS.clear();
    }

    @AfterEach
    void stopMember() {
        if (member != null) {
            member.close();
            member = null;
        }
    }

    private Map<String, String> settings(String backend, String uri) {
        Map<String, String> settings = new TreeMap<>();
        settings.put("larder.backend", backend);
        settings.put("larder.namespace", namespace);
        settings.put("larder.redis.uri", uri);
        settings.put("larder.redis.timeout", "200ms");
        return settings;
    }

    private static RemoteCache rows() {
        return RedisTiers.remote(LarderRuntime.current(), "rows");
    }

    private static int breakerState() {
        return Larder.stats("rows").breakerState();
    }

    /** Polls a condition every few milliseconds until it holds or the limit passes; whether it held. */
    static boolean within(long millis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    /** Reads other rows until the breaker is open, so that later calls skip Redis instead of timing out. */
    private static void openBreaker() {
        int id = 1000;
        while (breakerState() != CircuitBreaker.OPEN && id < 1100) {
            read(id++);
        }
        assertThat(breakerState()).isEqualTo(CircuitBreaker.OPEN);
    }

    @Test
    void ownWritesAreDroppedByAnotherJvmsWriteAndInvalidation() throws Exception {
        member = new Member();
        assertThat(member.configure(settings("tiered", server.uri()))).isEqualTo("live");
        assertThat(TierMember.configure(settings("tiered", server.uri()))).isTrue();
        assertThat(member.send("write 1 fromB")).isEqualTo("ok");
        assertThat(member.send("read 1")).isEqualTo("fromB"); // its own write, in its L1
        TierMember.write(1, "fromA");
        assertThat(Long.parseLong(member.send("poll 1 fromA 2000")))
                .as("ms until the other JVM stops reading its own older write")
                .isBetween(0L, 1000L);

        assertThat(member.send("write 1 fromB2")).isEqualTo("ok");
        assertThat(member.send("row 1 fromDatabase")).isEqualTo("ok");
        REMOVE.invalidate(REMOVE.key(1));
        assertThat(Long.parseLong(member.send("poll 1 fromDatabase 2000")))
                .as("ms until an invalidation here drops the other JVM's own write")
                .isBetween(0L, 1000L);
    }

    @Test
    void aKeyWithoutStableTextCountsOneBackendErrorPerMiss() throws Exception {
        assertThat(TierMember.configure(settings("tiered", server.uri()))).isTrue();
        Object key = TierMember.READ.key(new Object());
        long before = Larder.stats("rows").backendErrors();
        assertThat(TierMember.READ.load(key, () -> "local")).isEqualTo("local");
        assertThat(Larder.stats("rows").backendErrors() - before).isEqualTo(1);
    }

    @Test
    void anotherJvmsInvalidateAllWhileThisJvmsIsPendingStillDropsTheL1() throws Exception {
        assertThat(TierMember.configure(settings("tiered", server.uri()))).isTrue();
        ROWS.put(1, "v1");
        try (Jedis redis = new Jedis("127.0.0.1", server.port())) {
            redis.aclSetUser("default", "-eval", "-evalsha"); // this JVM cannot start a generation; messages still flow
            try {
                CLEAR.invalidateAll();
                assertThat(rows().key(1)).as("the new generation is pending").isNull();
                assertThat(read(1)).isEqualTo("v1");
                // Another JVM changes the row and starts a generation, and dies before publishing it.
                ROWS.put(1, "v2");
                redis.set(namespace + ":rows:gen", Long.toString(System.currentTimeMillis() * 1000 + 1_000_000));
            } finally {
                redis.aclSetUser("default", "+@all");
            }
        }
        assertThat(within(5000, () -> rows().key(1) != null))
                .as("the new generation reached Redis")
                .isTrue();
        assertThat(within(2000, () -> read(1).equals("v2")))
                .as("the other JVM's invalidate-all dropped the L1")
                .isTrue();
    }

    @Test
    void aLoadThatCouldNotUseRedisIsStillDroppedByAnotherJvmsLaterWrite() throws Exception {
        member = new Member();
        assertThat(member.configure(settings("tiered", server.uri()))).isEqualTo("live");
        assertThat(TierMember.configure(settings("tiered", server.uri()))).isTrue();
        ROWS.put(1, "v1");
        ROWS.put(2, "w1");
        try (RedisClient redis = RedisClient.create("127.0.0.1", server.port())) {
            // Redis refuses writes (out of memory) but still delivers messages: the channel stays live.
            redis.configSet("maxmemory-policy", "noeviction");
            redis.configSet("maxmemory", "1");
            try {
                CLEAR.invalidateAll();
                assertThat(rows().key(1)).as("the new generation is pending").isNull();
                assertThat(read(1)).isEqualTo("v1");
            } finally {
                redis.configSet("maxmemory", "0");
            }
        }
        assertThat(within(5000, () -> rows().key(1) != null))
                .as("the new generation reached Redis")
                .isTrue();
        assertThat(read(2)).isEqualTo("w1");

        ROWS.put(1, "v2");
        assertThat(member.send("write 1 v2")).isEqualTo("ok");
        ROWS.put(2, "w2");
        assertThat(member.send("write 2 w2")).isEqualTo("ok");
        assertThat(within(2000, () -> read(2).equals("w2")))
                .as("the other JVM's messages arrived")
                .isTrue();
        assertThat(read(1)).as("after the other JVM's write").isEqualTo("v2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis", "tiered"})
    void invalidationSkippedWhileRedisIsPausedIsReplayedWhenItResumes(String backend) throws Exception {
        member = new Member();
        assertThat(member.configure(settings(backend, server.uri()))).isEqualTo("live");
        assertThat(TierMember.configure(settings(backend, server.uri()))).isTrue();
        ROWS.put(5, "v1");
        assertThat(member.send("row 5 v1")).isEqualTo("ok");
        assertThat(read(5)).isEqualTo("v1"); // now in Redis
        assertThat(member.send("read 5")).isEqualTo("v1"); // from Redis (and in its L1 when tiered)

        server.pause();
        try {
            openBreaker();
            ROWS.put(5, "v2"); // the row is updated and the cache invalidated while Redis cannot hear it
            assertThat(member.send("row 5 v2")).isEqualTo("ok");
            REMOVE.invalidate(REMOVE.key(5));
            assertThat(read(5)).isEqualTo("v2");
        } finally {
            server.resume();
        }
        // Until the replay ran and after: never the old value, here; the breaker closes on the way.
        boolean replayed = within(8000, () -> {
            assertThat(read(5)).isEqualTo("v2");
            return breakerState() == CircuitBreaker.CLOSED && rows().keptCount() == 0;
        });
        assertThat(replayed).as("replayed").isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(read(5)).isEqualTo("v2");
        }
        // The other JVM, once it uses Redis again, within the pub/sub latency of the replay's message.
        assertThat(Long.parseLong(member.send("settled-poll 5 v2 1000"))).isBetween(0L, 1000L);
        assertThat(member.send("read 5")).isEqualTo("v2");
    }

    @Test
    void moreKeptInvalidationsThanTheBoundBecomeANewGeneration() throws Exception {
        TierMember.configure(settings("redis", server.uri()));
        ROWS.put(1, "v1");
        assertThat(read(1)).isEqualTo("v1");
        long before = Long.parseLong(gen());
        server.pause();
        try {
            openBreaker();
            ROWS.put(1, "v2");
            for (int id = 1; id <= RemoteCache.MAX_KEPT + 1; id++) {
                REMOVE.invalidate(REMOVE.key(id));
            }
            assertThat(rows().keptCount()).isEqualTo(RemoteCache.MAX_KEPT + 1);
        } finally {
            server.resume();
        }
        assertThat(within(8000, () -> rows().keptCount() == 0)).as("replaced").isTrue();
        assertThat(Long.parseLong(gen())).isGreaterThan(before);
        assertThat(read(1)).isEqualTo("v2");
    }

    @Test
    void aSilentPartitionDropsTieredL1CopiesWithinTheStalenessBound() throws Exception {
        try (StallingProxy proxy = new StallingProxy(server.port())) {
            member = new Member();
            assertThat(member.configure(settings("tiered", server.uri()))).isEqualTo("live");
            assertThat(TierMember.configure(settings("tiered", proxy.uri()))).isTrue();
            ROWS.put(7, "v1");
            assertThat(member.send("row 7 v1")).isEqualTo("ok");
            assertThat(read(7)).isEqualTo("v1"); // in this JVM's L1
            assertThat(member.send("read 7")).isEqualTo("v1");

            proxy.stall();
            ROWS.put(7, "v2");
            assertThat(member.send("write 7 v2")).isEqualTo("ok"); // in Redis; its message cannot reach this JVM
            long stale = TierMember.poll(7, "v2", 5000);
            System.out.println("Silent partition: this JVM read the old value for " + stale + " ms after the write");
            assertThat(stale).as("ms this JVM read v1 after the write").isBetween(0L, 2000L);

            proxy.resume();
            assertThat(within(10_000, () -> rows().localTtl(Long.MAX_VALUE) == Long.MAX_VALUE))
                    .as("live again")
                    .isTrue();
            read(7); // back in the L1
            ROWS.put(7, "v3");
            assertThat(member.send("write 7 v3")).isEqualTo("ok");
            assertThat(TierMember.poll(7, "v3", 2000))
                    .as("ms to see a write after the partition")
                    .isBetween(0L, 1000L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis", "tiered"})
    void jvmsOnDifferentCacheVersionsNeverSeeEachOthersEntriesAndOnTheSameVersionShareThem(String backend)
            throws Exception {
        member = new Member();
        Map<String, String> old = settings(backend, server.uri());
        old.put("larder.cache.rows.version", "1");
        assertThat(member.configure(old)).isEqualTo("live");
        Map<String, String> bumped = settings(backend, server.uri());
        bumped.put("larder.cache.rows.version", "2");
        assertThat(TierMember.configure(bumped)).isTrue();
        assertThat(member.send("row 1 old")).isEqualTo("ok");
        assertThat(member.send("read 1")).isEqualTo("old"); // stored in Redis under rows@1

        ROWS.put(1, "new");
        int loads = LOADS.get();
        assertThat(read(1)).as("version 2 ignores version 1's entry").isEqualTo("new");
        assertThat(LOADS.get()).isEqualTo(loads + 1);
        TierMember.write(1, "new2");
        REMOVE.invalidate(REMOVE.key(2));
        CLEAR.invalidateAll();
        TierMember.write(1, "new3");
        // Its L1 copy, or (dropped, or on redis) its Redis entry: either way never version 2's values.
        assertThat(member.send("read 1"))
                .as("version 1 untouched by version 2's writes and invalidations")
                .isEqualTo("old");
        try (Jedis jedis = new Jedis(server.uri())) {
            assertThat(jedis.keys(namespace + ":rows@2:*")).isNotEmpty();
            assertThat(jedis.keys(namespace + ":rows@1:*")).isNotEmpty();
            assertThat(jedis.keys(namespace + ":rows:*")).isEmpty();
        }

        assertThat(member.configure(bumped)).isEqualTo("live");
        assertThat(member.send("read 1"))
                .as("on the same version the member reads this JVM's write from Redis, not its own row")
                .isEqualTo("new3");
        ROWS.put(1, "fromDatabase");
        REMOVE.invalidate(REMOVE.key(1));
        assertThat(member.send("row 1 fromDatabase")).isEqualTo("ok");
        assertThat(Long.parseLong(member.send("poll 1 fromDatabase 2000")))
                .as("ms until an invalidation on the same version reaches the member")
                .isBetween(0L, 1000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis", "tiered"})
    void invalidateAllTakesEffectAfterRedisRestartsEmpty(String backend) throws Exception {
        TierMember.configure(settings(backend, server.uri()));
        ROWS.put(9, "v1");
        for (int i = 0; i < 3; i++) {
            CLEAR.invalidateAll();
        }
        assertThat(read(9)).isEqualTo("v1");
        server.kill();
        server.restart();
        int[] before = {LOADS.get()};
        boolean resumed = within(10_000, () -> {
            read(9);
            boolean cached = LOADS.get() == before[0] && breakerState() == CircuitBreaker.CLOSED;
            before[0] = LOADS.get();
            return cached;
        });
        assertThat(resumed).as("caching resumed after the restart").isTrue();
        for (int i = 2; i <= 5; i++) {
            ROWS.put(9, "v" + i);
            CLEAR.invalidateAll();
            assertThat(read(9)).as("after invalidate-all number " + (i - 1)).isEqualTo("v" + i);
        }
    }

    @Test
    void aChangedGenerationIsAdoptedEvenWhenLowerAndDropsTheL1() throws Exception {
        TierMember.configure(settings("tiered", server.uri()));
        CLEAR.invalidateAll();
        ROWS.put(3, "v1");
        assertThat(read(3)).isEqualTo("v1"); // in the L1
        ROWS.put(3, "v2");
        long current = Long.parseLong(gen());
        assertThat(server.command("SET " + namespace + ":rows:gen " + (current - 1)))
                .isEqualTo("+OK");
        assertThat(TierMember.poll(3, "v2", 3000))
                .as("ms until the L1 copy is dropped")
                .isBetween(0L, 1000L);
        assertThat(Long.parseLong(gen()))
                .as("moved past every number used, not back to the lower one")
                .isGreaterThan(current);
    }

    private String gen() {
        try (RedisClient client = RedisClient.create("127.0.0.1", server.port())) {
            return client.get(namespace + ":rows:gen");
        }
    }

    @Test
    void aRestartFromAnOlderSnapshotNeverBringsBackItsValues() throws Exception {
        TierMember.configure(settings("redis", server.uri()));
        ROWS.put(10, "v1");
        assertThat(read(10)).isEqualTo("v1");
        assertThat(server.command("SAVE")).isEqualTo("+OK"); // the snapshot holds v1 and its generation
        ROWS.put(10, "v2");
        CLEAR.invalidateAll();
        assertThat(read(10)).isEqualTo("v2");
        server.kill();
        server.restart(); // from the snapshot
        assertThat(server.command("EXISTS " + namespace + ":rows:gen")).isEqualTo(":1");
        int[] before = {LOADS.get()};
        boolean resumed = within(10_000, () -> {
            assertThat(read(10)).isEqualTo("v2");
            boolean cached = LOADS.get() == before[0] && breakerState() == CircuitBreaker.CLOSED;
            before[0] = LOADS.get();
            return cached;
        });
        assertThat(resumed).as("caching resumed after the restart").isTrue();
        assertThat(read(10)).isEqualTo("v2");
    }

    @Test
    void tieredWithRedisDownAtStartServesABoundedL1() throws Exception {
        Map<String, String> settings = settings("tiered", "redis://127.0.0.1:" + RedisServerProcess.freePort());
        settings.put("larder.redis.staleness", "1s");
        Larder.configure(LarderConfig.builder()
                .set("larder.metrics", "none")
                .setAll(settings)
                .build());
        ROWS.put(1, "v1");
        int loads = LOADS.get();
        for (int i = 0; i < 2000; i++) {
            assertThat(read(1)).isEqualTo("v1");
        }
        assertThat(LOADS.get() - loads).as("loads for 2,000 calls of one key").isBetween(1, 3);

        ROWS.put(1, "v2"); // changed by another JVM, which cannot tell this one
        long stale = TierMember.poll(1, "v2", 5000);
        System.out.println("Redis down: " + (LOADS.get() - loads) + " loads for 2,000 calls; the L1 served the old"
                + " value for " + stale + " ms after the change (bound 1 s)");
        assertThat(stale).as("ms the L1 served v1 after the change").isBetween(0L, 1100L);
    }

    @Test
    void tieredL1KeepsServingDuringAnOutage() throws Exception {
        TierMember.configure(settings("tiered", server.uri()));
        for (int id = 0; id < 20; id++) {
            ROWS.put(id, "row" + id);
            read(id);
        }
        server.kill();
        try {
            int loads = LOADS.get();
            long start = System.nanoTime();
            for (int i = 0; i < 2000; i++) {
                assertThat(read(i % 20)).isEqualTo("row" + (i % 20));
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.println(
                    "Outage: 2000 calls over 20 keys in " + millis + " ms made " + (LOADS.get() - loads) + " loads");
            assertThat(LOADS.get() - loads)
                    .as("loads for 2,000 calls during the outage")
                    .isLessThanOrEqualTo(100);
        } finally {
            server.restart();
        }
    }

    /** A forked {@link TierMember}. */
    static final class Member implements AutoCloseable {
        private final Process process;
        private final Writer to;
        private final BufferedReader from;

        Member() throws IOException {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), TierMember.class.getName())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            to = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            from = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        String configure(Map<String, String> settings) throws IOException {
            StringBuilder command = new StringBuilder("configure");
            settings.forEach(
                    (key, value) -> command.append(' ').append(key).append('=').append(value));
            return send(command.toString());
        }

        String send(String command) throws IOException {
            to.write(command + "\n");
            to.flush();
            String answer = from.readLine();
            assertThat(answer).as("answer to " + command).isNotNull();
            return answer;
        }

        @Override
        public void close() {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
