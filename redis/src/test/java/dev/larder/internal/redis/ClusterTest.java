package dev.larder.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheStats;
import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.internal.handle.InvalidateHandle;
import dev.larder.internal.handle.WriteThroughHandle;
import dev.larder.model.CachedSpec;
import dev.larder.model.InvalidateSpec;
import dev.larder.model.WriteSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import redis.clients.jedis.Jedis;

/**
 * The Redis backend on a real three-master Redis Cluster ({@code larder.redis.cluster}): keys of one cache spread over
 * the masters, the generation key lives in another slot than the entries, and pub/sub crosses the cluster bus.
 */
class ClusterTest {
    private static final int SLOTS = 16384;
    private static final CachedHandle READ = Handles.cached(
            CachedSpec.of("cluster#read(int)", "cluster", "{id}", "10m").withReturnType("java.lang.String"),
            ClusterTest.class);
    private static final InvalidateHandle CLEAR =
            Handles.invalidate(new InvalidateSpec("cluster#clear()", "cluster", "", true));
    private static final WriteThroughHandle SAVE =
            Handles.writeThrough(new WriteSpec("cluster#save(int)", "cluster", "{id}", ""));
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static final List<RedisServerProcess> NODES = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        NODES.addAll(startNodes());
    }

    /** Three masters sharing the slots, started and joined: a cluster in state ok. */
    static List<RedisServerProcess> startNodes() {
        List<RedisServerProcess> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            nodes.add(RedisServerProcess.start(
                    "cluster-enabled yes", "cluster-config-file nodes.conf", "cluster-node-timeout 5000"));
        }
        for (int i = 0; i < 3; i++) {
            int from = i * SLOTS / 3;
            int to = (i + 1) * SLOTS / 3;
            try (Jedis node = jedis(nodes.get(i))) {
                node.clusterAddSlots(IntStream.range(from, to).toArray());
                if (i > 0) {
                    node.clusterMeet("127.0.0.1", nodes.get(0).port());
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (RedisServerProcess server : nodes) {
            try (Jedis node = jedis(server)) {
                while (!(node.clusterInfo().contains("cluster_state:ok")
                        && node.clusterInfo().contains("cluster_known_nodes:3"))) {
                    assertThat(System.nanoTime())
                            .as("cluster_state:ok on every node")
                            .isLessThan(deadline);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
            }
        }
        return nodes;
    }

    @AfterAll
    static void stopCluster() {
        Larder.configure(LarderConfig.defaults());
        NODES.forEach(RedisServerProcess::close);
    }

    private static Jedis jedis(RedisServerProcess server) {
        return new Jedis("127.0.0.1", server.port());
    }

    private static Map<String, String> settings(String backend, TestInfo test) {
        String seeds = NODES.get(0).hostAndPort() + "," + NODES.get(1).hostAndPort();
        return Map.of(
                "larder.backend", backend,
                "larder.namespace",
                        "cluster-" + test.getTestMethod().orElseThrow().getName(),
                "larder.redis.cluster", seeds);
    }

    private static Object read(int id) {
        Object key = READ.key(id);
        Object value = READ.get(key);
        return value != CachedHandle.MISS ? value : READ.load(key, () -> "v" + id + "#" + LOADS.incrementAndGet());
    }

    private static long keysOn(RedisServerProcess server, String namespace) {
        try (Jedis node = jedis(server)) {
            return node.keys(namespace + ":*").size();
        }
    }

    @Test
    void cachedValuesSpreadOverTheMastersAndAreFoundAgain(TestInfo test) throws Exception {
        Map<String, String> settings = settings("redis", test);
        FleetMember.configure(settings);
        CacheStats start = Larder.stats("cluster");
        int before = LOADS.get();

        List<Object> first = IntStream.range(0, 60).mapToObj(ClusterTest::read).toList();
        List<Object> second = IntStream.range(0, 60).mapToObj(ClusterTest::read).toList();

        assertThat(second).isEqualTo(first);
        assertThat(LOADS.get() - before).as("loads").isEqualTo(60);
        for (RedisServerProcess node : NODES) {
            assertThat(keysOn(node, settings.get("larder.namespace")))
                    .as("entries on the master at " + node.port())
                    .isPositive();
        }
        assertThat(Larder.stats("cluster").since(start).backendErrors()).isZero();
    }

    @Test
    void invalidateAllReachesEverySlot(TestInfo test) throws Exception {
        FleetMember.configure(settings("redis", test));
        CacheStats start = Larder.stats("cluster");
        IntStream.range(0, 30).forEach(ClusterTest::read);
        int before = LOADS.get();

        CLEAR.invalidateAll();
        IntStream.range(0, 30).forEach(ClusterTest::read);
        IntStream.range(0, 30).forEach(ClusterTest::read);

        assertThat(LOADS.get() - before).as("each key loaded again once").isEqualTo(30);
        assertThat(Larder.stats("cluster").since(start).backendErrors())
                .as("no cross-slot command failed")
                .isZero();
    }

    @Test
    void aLoadRacingAWriteCannotStoreOverItOnEveryMaster(TestInfo test) throws Exception {
        FleetMember.configure(settings("redis", test));
        CacheStats start = Larder.stats("cluster");
        for (int id = 100; id < 106; id++) { // keys of several slots, so of every master
            int key = id;
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Object> load = CompletableFuture.supplyAsync(
                    () -> {
                        Object k = READ.key(key);
                        return READ.load(k, () -> {
                            started.countDown();
                            release.await(10, TimeUnit.SECONDS);
                            return "old";
                        });
                    },
                    task -> new Thread(task, "cluster-load").start());
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            SAVE.put(SAVE.key(key), "new");
            release.countDown();
            assertThat(load.get(10, TimeUnit.SECONDS)).isEqualTo("old");
        }
        Larder.configure(Larder.config()); // a fresh runtime: only Redis can answer

        assertThat(IntStream.range(100, 106).mapToObj(ClusterTest::read)).containsOnly("new");
        assertThat(Larder.stats("cluster").since(start).backendErrors())
                .as("no cross-slot or script failure")
                .isZero();
    }

    @Test
    void tieredL1CopiesAreDroppedInAnotherJvmThroughTheClusterBus(TestInfo test) throws Exception {
        Map<String, String> settings = settings("tiered", test);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process member = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), FleetMember.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (Writer out = new OutputStreamWriter(member.getOutputStream(), StandardCharsets.UTF_8);
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(member.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(send(out, in, "settings" + FleetMember.words(settings))).isEqualTo("ok");
            FleetMember.configure(settings);

            assertThat(send(out, in, "read 2")).isEqualTo("loaded-by-member loads=1");
            assertThat(send(out, in, "read 2")).as("from its L1").isEqualTo("loaded-by-member loads=1");
            FleetMember.WRITE.put(FleetMember.WRITE.key(2), "v2");

            assertThat(Long.parseLong(send(out, in, "poll 2 v2")))
                    .as("milliseconds until the member saw the write")
                    .isLessThan(1000);
            assertThat(send(out, in, "read 2")).isEqualTo("v2 loads=1");
        } finally {
            member.destroyForcibly();
            member.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String send(Writer out, BufferedReader in, String command) throws IOException {
        out.write(command + "\n");
        out.flush();
        String answer = in.readLine();
        assertThat(answer).as("answer to " + command).isNotNull();
        return answer;
    }
}
