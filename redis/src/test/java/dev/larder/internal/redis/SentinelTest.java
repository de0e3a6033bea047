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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The Redis backend behind Sentinel ({@code larder.redis.sentinel}, {@code larder.redis.master}): a master, a
 * replica and three Sentinels; the master is killed, the Sentinels promote the replica, and caching goes on there
 * without an error reaching a caller.
 */
class SentinelTest {
    private static final String MASTER = "larder-master";
    private static final CachedHandle READ = Handles.cached(
            CachedSpec.of("sentinel#read(int)", "sentinel", "{id}", "10m").withReturnType("java.lang.String"),
            SentinelTest.class);
    private static final AtomicInteger LOADS = new AtomicInteger();

    private static RedisServerProcess master;
    private static RedisServerProcess replica;
    private static final List<RedisServerProcess> SENTINELS = new ArrayList<>();

    @BeforeAll
    static void start() {
        master = RedisServerProcess.start();
        replica = RedisServerProcess.start("replicaof 127.0.0.1 " + master.port());
        for (int i = 0; i < 3; i++) {
            SENTINELS.add(RedisServerProcess.sentinel(MASTER, master.port()));
        }
        awaitUntil("the Sentinels to see the replica and each other", () -> {
            try (Jedis sentinel = jedis(SENTINELS.get(0))) {
                return !sentinel.sentinelReplicas(MASTER).isEmpty()
                        && sentinel.sentinelSentinels(MASTER).size() == 2;
            }
        });
    }

    @AfterAll
    static void stop() {
        Larder.configure(LarderConfig.defaults());
        SENTINELS.forEach(RedisServerProcess::close);
        replica.close();
        master.close();
    }

    private static Jedis jedis(RedisServerProcess server) {
        return new Jedis("127.0.0.1", server.port());
    }

    private static void awaitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static Object read(int id) {
        Object key = READ.key(id);
        Object value = READ.get(key);
        return value != CachedHandle.MISS ? value : READ.load(key, () -> "v" + id + "#" + LOADS.incrementAndGet());
    }

    @Test
    void cachingContinuesOnThePromotedReplicaAfterTheMasterDies() throws Exception {
        FleetMember.configure(Map.of(
                "larder.backend", "redis",
                "larder.namespace", "sentinel",
                "larder.redis.sentinel",
                        SENTINELS.get(0).hostAndPort() + "," + SENTINELS.get(1).hostAndPort() + ","
                                + SENTINELS.get(2).hostAndPort(),
                "larder.redis.master", MASTER,
                "larder.redis.timeout", "300ms"));
        Object first = read(1);
        assertThat(read(1)).as("cached on the master").isEqualTo(first);
        assertThat(LOADS.get()).isEqualTo(1);

        master.kill();
        // Calls during the failover run uncached; none of them throws.
        awaitUntil("the Sentinels to promote the replica", () -> {
            read(2);
            try (Jedis sentinel = jedis(SENTINELS.get(0))) {
                List<String> current = sentinel.sentinelGetMasterAddrByName(MASTER);
                return current.size() == 2 && current.get(1).equals(Integer.toString(replica.port()));
            }
        });

        awaitUntil("caching to resume on the new master", () -> {
            int before = LOADS.get();
            read(3);
            return LOADS.get() == before; // a hit: an earlier read stored it on the new master
        });
        int before = LOADS.get();
        for (int i = 0; i < 10; i++) {
            read(3);
        }
        assertThat(LOADS.get() - before)
                .as("loads of a key cached on the new master")
                .isZero();
        assertThat(Larder.stats("sentinel").backendErrors())
                .as("faults during the failover, absorbed")
                .isPositive();
        try (Jedis promoted = jedis(replica)) {
            assertThat(promoted.keys("sentinel:*"))
                    .as("entries on the new master")
                    .isNotEmpty();
        }
    }
}
