package dev.larder.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.BulkHandle;
import dev.larder.internal.handle.BulkHandle.BulkLoader;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.model.CachedSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A bulk lookup on a real three-master Redis Cluster: its pipelined lookups and stores span every master, and a single
 * lookup of the same cache reads what it stored.
 */
class ClusterBulkTest {
    private static final CachedSpec SPEC =
            CachedSpec.of("cluster#readAll(Set)", "clusterBulk", "{id}", "10m").withReturnType("java.lang.String");
    private static final BulkHandle READ_ALL = Handles.cachedAll(SPEC, ClusterBulkTest.class);
    private static final CachedHandle READ = Handles.cached(SPEC, ClusterBulkTest.class);
    private static final List<RedisServerProcess> NODES = new ArrayList<>();
    private final List<Collection<Object>> calls = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startCluster() {
        NODES.addAll(ClusterTest.startNodes());
    }

    @AfterAll
    static void stopCluster() {
        Larder.configure(LarderConfig.defaults());
        NODES.forEach(RedisServerProcess::close);
    }

    /** The redis backend on the Cluster, seeded with two of its three masters. */
    private static void configure(String namespace) throws InterruptedException {
        String seeds = NODES.get(0).hostAndPort() + "," + NODES.get(1).hostAndPort();
        FleetMember.configure(
                Map.of("larder.backend", "redis", "larder.namespace", namespace, "larder.redis.cluster", seeds));
    }

    private Map<Object, Object> readAll(List<Integer> ids) {
        return READ_ALL.getAll(ids, READ_ALL::key, missing -> {
            calls.add(missing);
            Map<Object, Object> found = new HashMap<>();
            for (Object id : missing) {
                found.put(id, "v" + id);
            }
            return found;
        });
    }

    @Test
    void bulkLookupsSpanEveryMasterAndShareEntriesWithSingleLookups() throws Exception {
        configure("cluster-bulk");
        List<Integer> ids = IntStream.range(0, 60).boxed().toList();

        Map<Object, Object> first = readAll(ids);
        Map<Object, Object> second = readAll(ids);

        assertThat(first).hasSize(60).isEqualTo(second);
        assertThat(calls).hasSize(1);
        assertThat(READ.load(READ.key(7), () -> "loaded by the single lookup")).isEqualTo("v7");
        for (RedisServerProcess node : NODES) {
            try (Jedis jedis = new Jedis("127.0.0.1", node.port())) {
                assertThat(jedis.keys("cluster-bulk:*"))
                        .as("entries on " + node.port())
                        .isNotEmpty();
            }
        }
        assertThat(Larder.stats("clusterBulk").backendErrors()).isZero();
    }

    @Test
    void theKeysTheMethodLeavesOutAreGivenUpOnEveryMaster() throws Exception {
        configure("cluster-bulk-absent");
        List<Integer> ids = IntStream.range(100, 160).boxed().toList();
        BulkLoader evenOnly = missing -> {
            calls.add(missing);
            Map<Object, Object> found = new HashMap<>();
            missing.stream().filter(id -> (Integer) id % 2 == 0).forEach(id -> found.put(id, "v" + id));
            return found;
        };

        assertThat(READ_ALL.getAll(ids, READ_ALL::key, evenOnly)).hasSize(30);
        assertThat(READ_ALL.getAll(ids, READ_ALL::key, evenOnly)).hasSize(30);

        assertThat(calls).hasSize(2);
        assertThat(calls.get(1))
                .as("the odd keys were given up, not left leased: loaded again at once")
                .hasSize(30)
                .allSatisfy(id -> assertThat((Integer) id % 2).isOne());
        for (RedisServerProcess node : NODES) {
            try (Jedis jedis = new Jedis("127.0.0.1", node.port())) {
                for (String key : jedis.keys("cluster-bulk-absent:*")) {
                    byte[] held = jedis.get(key.getBytes(StandardCharsets.UTF_8));
                    assertThat(held != null && Lease.isMarker(held))
                            .as("a lease left on " + key)
                            .isFalse();
                }
            }
        }
        assertThat(Larder.stats("clusterBulk").backendErrors()).isZero();
    }
}
