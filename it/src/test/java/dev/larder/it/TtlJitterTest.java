package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.ConfigurationException;
import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.cache.Entry;
import dev.larder.internal.clock.CoarseTicker;
import dev.larder.internal.key.KeyEncoder;
import dev.larder.internal.state.LarderRuntime;
import dev.larder.internal.state.RuntimeState;
import dev.larder.it.fixtures.Jittered;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * TTL jitter: every store lives between {@code ttl × (1 − jitter)} and {@code ttl}, spread over that range, in the
 * local cache, in Redis and in the tiered L1 (which never outlives its Redis entry). The spread is checked over many
 * stores against fixed bounds: 200 uniform draws over 5 minutes all falling within 2 minutes has a chance below 10^-75.
 */
class TtlJitterTest {
    private static final int STORES = 200;
    private static final long TTL = Duration.ofMinutes(10).toNanos();
    private static final long SHORTEST = Duration.ofMinutes(5).toNanos();
    private static final long SPREAD = Duration.ofMinutes(2).toNanos();
    /** What Redis's millisecond TTLs and the time the checks themselves take may round off. */
    private static final long SLACK = Duration.ofSeconds(5).toNanos();

    @Test
    void loadedEntriesLiveBetweenTheShortenedAndTheFullTtlSpreadOverTheRange() {
        LarderSetup.fresh();
        Jittered jittered = Fixtures.create(Jittered.class);

        checkLifetimes("Jittered.load", jittered::load, true);
        assertThat(jittered.runs()).isEqualTo(STORES);
    }

    @Test
    void writtenEntriesAreJitteredToo() {
        LarderSetup.fresh();
        Jittered jittered = Fixtures.create(Jittered.class);

        checkLifetimes("Jittered.load", jittered::save, true);
        assertThat(jittered.load(7)).isEqualTo("saved 7");
    }

    @Test
    void perCacheConfigurationWinsOverTheAnnotation() {
        LarderSetup.fresh(Map.of("larder.cache.Jittered.load.ttlJitter", "0%"));
        Jittered jittered = Fixtures.create(Jittered.class);

        checkLifetimes("Jittered.load", jittered::load, false);
    }

    @Test
    void theGlobalDefaultAppliesToMethodsWithoutJitterOfTheirOwn() {
        LarderSetup.fresh(Map.of("larder.ttlJitter", "50%"));
        Jittered jittered = Fixtures.create(Jittered.class);

        checkLifetimes("Jittered.plain", jittered::plain, true);
    }

    @Test
    void aJitterOutsideZeroToHundredPercentIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> Larder.configure(LarderConfig.builder()
                        .set("larder.cache.Jittered.load.ttlJitter", "150%")
                        .build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("larder.cache.Jittered.load.ttlJitter")
                .hasMessageContaining("150%")
                .hasMessageContaining("a percentage from 0% to 100%");
    }

    /** Stores {@link #STORES} keys and checks each level's lifetimes: jittered (spread) or all the full TTL. */
    private static void checkLifetimes(String cache, IntConsumer store, boolean jittered) {
        // An entry keeps no write time (unless refresh-ahead reads it): its lifetime is measured from just after its
        // store, on the coarse clock its expiry is on. That undercounts by the store's own duration, within SLACK.
        long[] storedBy = new long[STORES];
        for (int id = 0; id < STORES; id++) {
            store.accept(id);
            storedBy[id] = CoarseTicker.now();
        }
        RuntimeState state = LarderRuntime.current();
        List<Long> local = new ArrayList<>();
        List<Long> localExpiry = new ArrayList<>();
        if (LarderSetup.keepsValuesLocally()) {
            for (int id = 0; id < STORES; id++) {
                Entry entry = state.cache(cache).get(id);
                assertThat(entry).as("L1 entry of %s", id).isNotNull();
                local.add(entry.expiresAt() - storedBy[id]);
                // on System.nanoTime()'s scale, which the coarse clock trails: when it expires, compared below with
                // when the Redis entry does, each taken when read
                localExpiry.add(entry.expiresAt());
            }
            checkSpread("local", local, jittered);
        }
        if (!LarderSetup.backend().equals("local")) {
            List<Long> remoteExpiry = new ArrayList<>();
            List<Long> remote = redisRemaining(state, cache, remoteExpiry);
            checkSpread("redis", remote, jittered);
            if (!local.isEmpty()) {
                for (int id = 0; id < STORES; id++) {
                    // Redis's expiry is at least the time before its PTTL was asked plus the (rounded down) PTTL
                    assertThat(localExpiry.get(id))
                            .as("L1 copy of %s outliving Redis", id)
                            .isLessThanOrEqualTo(
                                    remoteExpiry.get(id) + Duration.ofMillis(20).toNanos());
                }
            }
        }
    }

    private static void checkSpread(String level, List<Long> lifetimes, boolean jittered) {
        assertThat(lifetimes).as(level).hasSize(STORES);
        if (!jittered) {
            assertThat(lifetimes).as(level).allSatisfy(t -> assertThat(t).isBetween(TTL - SLACK, TTL));
            return;
        }
        assertThat(lifetimes).as(level).allSatisfy(t -> assertThat(t).isBetween(SHORTEST - SLACK, TTL));
        assertThat(Collections.max(lifetimes) - Collections.min(lifetimes))
                .as(level + " spread")
                .isGreaterThan(SPREAD);
    }

    /**
     * The remaining lifetime in Redis of keys 0 to {@link #STORES} − 1, in order, in nanoseconds; adds to {@code expiry}
     * when each expires at the latest, on {@code System.nanoTime()}'s scale.
     */
    private static List<Long> redisRemaining(RuntimeState state, String cache, List<Long> expiry) {
        String prefix = state.config().namespace() + ":" + cache + ":";
        List<Long> remaining = new ArrayList<>();
        try (Jedis jedis = new Jedis(state.config().redisUri())) {
            String generation = jedis.get(prefix + "gen");
            assertThat(generation).as("generation of %s", cache).isNotNull();
            for (int id = 0; id < STORES; id++) {
                String key = prefix + generation + ":" + KeyEncoder.encode(id);
                long asked = System.nanoTime();
                long millis = jedis.pttl(key);
                assertThat(millis).as("PTTL of %s", key).isPositive();
                remaining.add(Duration.ofMillis(millis).toNanos());
                expiry.add(asked + Duration.ofMillis(millis).toNanos());
            }
        }
        return remaining;
    }
}
