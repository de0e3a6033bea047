package dev.larder.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.LarderConfig;
import dev.larder.ValueType;
import dev.larder.internal.metrics.CacheCounters;
import dev.larder.internal.redis.history.StallingProxy;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/**
 * A write that one connection sent while it was stalled reaches Redis only after a newer write or invalidation made on
 * another connection: Redis must keep the newer one. Ordered without sleeps: the late command is known to have run once
 * the server's command counters say so.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VersionedWriteTest {
    private static final ValueType TEXT =
            new ValueType(String.class.getName(), VersionedWriteTest.class.getClassLoader());
    private static final long TTL_NANOS = TimeUnit.MINUTES.toNanos(5);

    private static RedisServerProcess server;
    private StallingProxy proxy;
    private RedisTier stalledTier;
    private RedisTier directTier;
    /** Writes through the proxy. */
    private RemoteCache stalled;
    /** Writes straight to the server. */
    private RemoteCache direct;

    private Jedis inspector;

    @BeforeAll
    static void startServer() {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void openTiers() throws Exception {
        proxy = new StallingProxy(server.port());
        stalledTier = tier(proxy.uri());
        directTier = tier(server.uri());
        stalled = stalledTier.cache("versioned", new CacheCounters("versioned"), false);
        direct = directTier.cache("versioned", new CacheCounters("versioned"), false);
        inspector = new Jedis("127.0.0.1", server.port());
        // Both clients have run every script once, so a late EVALSHA cannot fail for an unknown script.
        assertThat(stalled.write("warm:a", "x", TTL_NANOS, 0)).isTrue();
        assertThat(direct.write("warm:b", "x", TTL_NANOS, 0)).isTrue();
        assertThat(stalled.delete("warm:a")).isTrue();
        assertThat(direct.delete("warm:b")).isTrue();
    }

    @AfterEach
    void closeTiers() {
        inspector.close();
        stalledTier.close();
        directTier.close();
        proxy.close();
    }

    private static RedisTier tier(String uri) {
        LarderConfig config = LarderConfig.load(Map.of(
                "larder.backend", "redis",
                "larder.namespace", "versioned",
                "larder.redis.uri", uri,
                "larder.redis.timeout", "200ms"));
        return new RedisTier(new JedisOps(config), config, new JsonCodec(), name -> null);
    }

    @Test
    void aStalledWriteThatLandsAfterANewerWriteIsRefused() {
        long before = keyCommands();
        proxy.stall();
        assertThat(stalled.write("k1", "older", TTL_NANOS, 0))
                .as("the stalled write times out")
                .isFalse();
        assertThat(direct.write("k1", "newer", TTL_NANOS, 0)).isTrue();
        proxy.resume();
        awaitKeyCommands(before + 2);

        assertThat(direct.read("k1", TEXT))
                .isNotNull()
                .extracting(RemoteValue::value)
                .isEqualTo("newer");
    }

    @Test
    void aStalledWriteThatLandsAfterANewerInvalidationIsRefused() {
        assertThat(direct.write("k2", "first", TTL_NANOS, 0)).isTrue();
        long before = keyCommands();
        proxy.stall();
        assertThat(stalled.write("k2", "older", TTL_NANOS, 0))
                .as("the stalled write times out")
                .isFalse();
        assertThat(direct.delete("k2")).isTrue();
        proxy.resume();
        awaitKeyCommands(before + 2);

        assertThat(direct.read("k2", TEXT)).as("the key stays invalidated").isNull();
        assertThat(direct.lookup("k2", TEXT).value())
                .as("a miss finds no value")
                .isNull();
    }

    @Test
    void aStalledWriteThatLandsWhileALoadHoldsTheLeaseOfAnInvalidatedKeyIsRefused() {
        assertThat(direct.write("k3", "first", TTL_NANOS, 0)).isTrue();
        long before = keyCommands();
        proxy.stall();
        assertThat(stalled.write("k3", "older", TTL_NANOS, 0))
                .as("the stalled write times out")
                .isFalse();
        assertThat(direct.delete("k3")).isTrue();
        Lookup miss = direct.lookup("k3", TEXT);
        assertThat(miss.lease()).as("a miss takes the lease").isNotNull();
        proxy.resume();
        awaitKeyCommands(before + 3);

        assertThat(direct.read("k3", TEXT))
                .as("the key holds the lease, not the late write")
                .isNull();
        assertThat(direct.store(miss.lease(), "loaded", TTL_NANOS, 0)).isEqualTo(RemoteCache.Stored.STORED);
        assertThat(direct.read("k3", TEXT))
                .isNotNull()
                .extracting(RemoteValue::value)
                .isEqualTo("loaded");
    }

    @Test
    void aStalledWriteThatLandsAfterALoadGaveUpTheLeaseOfAnInvalidatedKeyIsRefused() {
        assertThat(direct.write("k4", "first", TTL_NANOS, 0)).isTrue();
        long before = keyCommands();
        proxy.stall();
        assertThat(stalled.write("k4", "older", TTL_NANOS, 0))
                .as("the stalled write times out")
                .isFalse();
        assertThat(direct.delete("k4")).isTrue();
        Lookup miss = direct.lookup("k4", TEXT);
        assertThat(miss.lease()).as("a miss takes the lease").isNotNull();
        direct.release(miss.lease());
        proxy.resume();
        awaitKeyCommands(before + 4);

        assertThat(direct.read("k4", TEXT)).as("the key stays invalidated").isNull();
    }

    @Test
    void aLeaseOnAnInvalidatedKeyIsHeldUntilAWriteComesAndItsReleaseSaysWhich() {
        assertThat(direct.write("k6", "first", TTL_NANOS, 0)).isTrue();
        assertThat(direct.delete("k6")).isTrue(); // a tombstone: a miss's marker now carries its floor
        Lookup miss = direct.lookup("k6", TEXT);
        assertThat(miss.lease()).isNotNull();
        assertThat(direct.holds(miss.lease()))
                .as("the floored marker is the lease's own")
                .isTrue();
        assertThat(direct.release(miss.lease())).as("given up while current").isTrue();
        assertThat(direct.holds(miss.lease())).as("given up").isFalse();

        Lookup again = direct.lookup("k6", TEXT);
        assertThat(again.lease()).isNotNull();
        assertThat(direct.write("k6", "newer", TTL_NANOS, 0)).isTrue();
        assertThat(direct.release(again.lease()))
                .as("a write came after the lease")
                .isFalse();
        assertThat(direct.read("k6", TEXT)).extracting(RemoteValue::value).isEqualTo("newer");
    }

    @Test
    void aWriteRefusedWhileItsCallerWaitsLeavesATombstoneNotTheValueOfTheClockThatRunsAhead() throws Exception {
        // Another JVM whose clock runs 300 ms ahead wrote the key just before this one's (truly later) write.
        long ahead = (System.currentTimeMillis() + 300) << 10;
        byte[] key = "k5".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        inspector.set(key, Envelope.wrap(new JsonCodec(), "ahead", ahead, System.currentTimeMillis(), 0));

        assertThat(direct.write("k5", "mine", TTL_NANOS, 0))
                .as("Redis holds nothing older")
                .isTrue();

        assertThat(direct.read("k5", TEXT)).as("a miss: the next read loads").isNull();
        assertThat(Envelope.isTombstone(inspector.get(key))).isTrue();
        assertThat(direct.write("k5", "next", TTL_NANOS, 0)).isTrue();
        assertThat(direct.read("k5", TEXT))
                .as("this JVM's clock moved past the other's: its next write lands")
                .isNotNull()
                .extracting(RemoteValue::value)
                .isEqualTo("next");
    }

    /** How many commands that change a key the server ran: plain ones and scripts. */
    private static long keyCommands() {
        return server.commandCalls("set", "del", "evalsha");
    }

    /** Waits until the late command held by the proxy has run (the server's counters, bounded). */
    private static void awaitKeyCommands(long expected) {
        assertThat(server.awaitCommandCalls(expected, "set", "del", "evalsha"))
                .as("the held command reached the server")
                .isTrue();
    }
}
