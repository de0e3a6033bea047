package dev.larder.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.model.CachedSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Tags on a real three-master Redis Cluster: tagged values on every master, the tag clock and the tags' readings in
 * one slot, so an invalidation is one script and a read's check one MGET.
 */
class ClusterTagTest {
    private static final CachedHandle READ = Handles.cached(
            CachedSpec.of("cluster#tagged(int)", "clusterTags", "{id}", "10m")
                    .withReturnType("java.lang.String")
                    .withTags(List.of("parity:{id}")),
            ClusterTagTest.class);
    private static final List<RedisServerProcess> NODES = new ArrayList<>();
    private final AtomicInteger loads = new AtomicInteger();

    @BeforeAll
    static void startCluster() {
        NODES.addAll(ClusterTest.startNodes());
    }

    @AfterAll
    static void stopCluster() {
        Larder.configure(LarderConfig.defaults());
        NODES.forEach(RedisServerProcess::close);
    }

    private String read(int id, String version) {
        Object key = READ.key(id);
        Object value = READ.get(key);
        if (value != CachedHandle.MISS) {
            return (String) value;
        }
        return (String) READ.load(
                key,
                () -> {
                    loads.incrementAndGet();
                    return version + id;
                },
                result -> new String[] {"parity:" + (id % 2)});
    }

    @Test
    void anInvalidatedTagHidesItsValuesOnEveryMasterAndOnlyThem() throws Exception {
        String seeds = NODES.get(0).hostAndPort() + "," + NODES.get(1).hostAndPort();
        FleetMember.configure(Map.of(
                "larder.backend", "redis",
                "larder.namespace", "cluster-tags",
                "larder.redis.cluster", seeds));
        for (int id = 0; id < 40; id++) {
            assertThat(read(id, "a")).isEqualTo("a" + id);
        }
        for (int id = 0; id < 40; id++) {
            assertThat(read(id, "b")).as("cached").isEqualTo("a" + id);
        }
        assertThat(loads.get()).isEqualTo(40);

        Larder.invalidateTag("parity:1");

        for (int id = 0; id < 40; id++) {
            assertThat(read(id, "b")).isEqualTo((id % 2 == 1 ? "b" : "a") + id);
        }
        assertThat(loads.get()).as("the odd ids loaded again, once").isEqualTo(60);
        for (int id = 0; id < 40; id++) {
            assertThat(read(id, "c")).isEqualTo((id % 2 == 1 ? "b" : "a") + id);
        }
        assertThat(loads.get()).isEqualTo(60);
        for (RedisServerProcess node : NODES) {
            try (Jedis jedis = new Jedis("127.0.0.1", node.port())) {
                assertThat(jedis.keys("cluster-tags:clusterTags:*"))
                        .as("tagged values on " + node.port())
                        .isNotEmpty();
            }
        }
        assertThat(Larder.stats("clusterTags").backendErrors()).isZero();
    }
}
