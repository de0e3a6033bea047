package dev.larder.internal.tier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.redis.RedisServerProcess;
import dev.larder.internal.redis.RedisTiers;
import dev.larder.internal.redis.RemoteCache;
import dev.larder.internal.redis.TieredTier;
import dev.larder.internal.state.LarderRuntime;
import dev.larder.internal.state.RuntimeState;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The tiered tier's own writes, against a real redis-server. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TieredTierTest {
    private static final long STALENESS = TimeUnit.MILLISECONDS.toNanos(200);

    private static RedisServerProcess server;

    @BeforeAll
    static void startRedis() {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        Larder.configure(LarderConfig.defaults());
        server.close();
    }

    @Test
    void anOwnWriteLivesAtMostTheStalenessBoundWhenTheChannelStopsBeingLiveBeforeItIsStored()
            throws InterruptedException {
        Larder.configure(LarderConfig.builder()
                .set("larder.metrics", "none")
                .set("larder.backend", "tiered")
                .set("larder.namespace", "tiered-tier-" + System.nanoTime())
                .set("larder.redis.uri", server.uri())
                .build());
        RuntimeState state = LarderRuntime.current();
        // Once live, the tier has dropped the L1 it had before; it drops it again only when the channel fails.
        assertThat(RedisTiers.of(state).awaitSubscribed(10, TimeUnit.SECONDS)).isTrue();
        LocalCache local = state.cache("rows");
        RemoteCache remote = RedisTiers.remote(state, "rows");
        AtomicBoolean live = new AtomicBoolean(true);
        // The watchdog acts right after the tier chose the lifetime, before it stores: the channel stops being live,
        // and it drops the L1 (the order of RedisTier's watchdog); from then on an L1 entry lives at most S.
        LongUnaryOperator lifetime = ttl -> {
            if (live.getAndSet(false)) {
                local.dropAll();
                return ttl;
            }
            return Math.min(ttl, STALENESS);
        };
        TieredTier tier = new TieredTier(local, remote, lifetime);

        tier.put("key", "written", TimeUnit.MINUTES.toNanos(10));
        assertThat(local.get("key")).as("the write is in L1").isNotNull();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (local.get("key") != null && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // until the clock passes S, or 5 s
        }
        assertThat(local.get("key"))
                .as("gone after the staleness bound, not after its 10 minutes")
                .isNull();
    }
}
