package dev.larder.internal.redis;

import static dev.larder.internal.redis.TierMember.ROWS;
import static dev.larder.internal.redis.TierMember.TAGGED_LOADS;
import static dev.larder.internal.redis.TierMember.readTagged;
import static dev.larder.internal.redis.TieredInvalidationTest.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.state.LarderRuntime;
import dev.larder.internal.tag.TagClock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/**
 * Tags on the Redis backends against a real redis-server: another JVM's tag invalidation (a forked {@link TierMember}
 * sharing nothing with this one but Redis), a load under way during it, and a Redis that cannot take it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisTagTest {
    private static RedisServerProcess server;
    private final ExecutorService loader = Executors.newSingleThreadExecutor();
    private String namespace;
    private TieredInvalidationTest.Member member;

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
        namespace = "tags-" + test.getTestMethod().orElseThrow().getName() + "-" + System.nanoTime();
        ROWS.clear();
    }

    @AfterEach
    void stop() {
        loader.shutdownNow();
        if (member != null) {
            member.close();
            member = null;
        }
    }

    private Map<String, String> settings(String backend) {
        Map<String, String> settings = new TreeMap<>();
        settings.put("larder.backend", backend);
        settings.put("larder.namespace", namespace);
        settings.put("larder.redis.uri", server.uri());
        settings.put("larder.redis.timeout", "200ms");
        return settings;
    }

    private static RedisTier tier() {
        return RedisTiers.of(LarderRuntime.current());
    }

    @Test
    void anotherJvmsTagInvalidationHidesEveryEntryCarryingTheTagFromL1AndRedis() throws Exception {
        member = new TieredInvalidationTest.Member();
        assertThat(member.configure(settings("tiered"))).isEqualTo("live");
        assertThat(TierMember.configure(settings("tiered"))).isTrue();
        ROWS.put(1, "v1");
        assertThat(readTagged(1)).isEqualTo("v1"); // loaded here: in this JVM's L1 and in Redis
        assertThat(member.send("tread 1"))
                .as("the other JVM reads it from Redis")
                .isEqualTo("v1");
        ROWS.put(1, "v2");
        long before = TagClock.now();

        assertThat(member.send("tinvalidate group")).isEqualTo("ok");
        assertThat(within(5000, () -> TagClock.now() > before))
                .as("this JVM's channel delivered the invalidation")
                .isTrue();

        int loads = TAGGED_LOADS.get();
        assertThat(readTagged(1)).as("not from the L1 nor from Redis").isEqualTo("v2");
        assertThat(TAGGED_LOADS.get()).isEqualTo(loads + 1);
        assertThat(readTagged(1)).isEqualTo("v2");
        assertThat(TAGGED_LOADS.get()).as("the reload is cached again").isEqualTo(loads + 1);
        assertThat(member.send("tread 1"))
                .as("the other JVM reads this JVM's reload from Redis")
                .isEqualTo("v2");
    }

    @Test
    void aLoadThatBeganBeforeAnotherJvmsTagInvalidationStoresNothingEitherJvmServes() throws Exception {
        member = new TieredInvalidationTest.Member();
        assertThat(member.configure(settings("tiered"))).isEqualTo("live");
        assertThat(TierMember.configure(settings("tiered"))).isTrue();
        ROWS.put(2, "old");
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> slow = loader.submit(() -> readTagged(2, () -> {
            String row = ROWS.get(2);
            read.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return row;
        }));
        assertThat(read.await(10, TimeUnit.SECONDS)).isTrue(); // the load read "old"
        ROWS.put(2, "new");
        assertThat(member.send("row 2 new")).isEqualTo("ok"); // one system of record, seen by both JVMs
        long before = TagClock.now();
        assertThat(member.send("tinvalidate group")).isEqualTo("ok");
        assertThat(within(5000, () -> TagClock.now() > before))
                .as("this JVM's channel delivered the invalidation")
                .isTrue();
        release.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("old");

        assertThat(member.send("tread 2")).as("the other JVM, from Redis").isEqualTo("new");
        assertThat(readTagged(2)).as("this JVM, from its L1 or Redis").isEqualTo("new");
    }

    /** Another JVM's invalidation as it reaches Redis, before its message reaches this JVM. */
    private void invalidateInRedisOnly(String tag) {
        try (Jedis redis = new Jedis("127.0.0.1", server.port())) {
            long reading = redis.incr(namespace + ":{tags}:clock");
            redis.set(namespace + ":{tags}:tag:" + tag, Long.toString(reading));
        }
    }

    @Test
    void anInvalidationInRedisHidesValuesBeforeItsMessageArrivesAndRefusesALoadThatBeganBefore() throws Exception {
        assertThat(TierMember.configure(settings("redis"))).isTrue();
        ROWS.put(5, "v1");
        assertThat(readTagged(5)).isEqualTo("v1");
        ROWS.put(5, "v2");
        long before = TagClock.now();

        invalidateInRedisOnly("group");

        assertThat(readTagged(5))
                .as("the value in Redis is stale by its tag's reading")
                .isEqualTo("v2");
        int loads = TAGGED_LOADS.get();
        assertThat(readTagged(5)).isEqualTo("v2");
        assertThat(TAGGED_LOADS.get()).as("the reload is fresh").isEqualTo(loads);

        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ROWS.put(6, "old");
        Future<String> slow = loader.submit(() -> readTagged(6, () -> {
            String row = ROWS.get(6);
            read.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return row;
        }));
        assertThat(read.await(10, TimeUnit.SECONDS)).isTrue();
        ROWS.put(6, "new");
        invalidateInRedisOnly("group");
        release.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("old");
        assertThat(readTagged(6)).as("the older load's store is hidden").isEqualTo("new");
        assertThat(TagClock.now()).as("no message told this JVM").isEqualTo(before);
    }

    @Test
    void aTagInvalidationRedisRefusesIsKeptHidesTaggedRedisValuesAndIsReplayed() throws Exception {
        assertThat(TierMember.configure(settings("redis"))).isTrue();
        ROWS.put(3, "v1");
        assertThat(readTagged(3)).isEqualTo("v1"); // in Redis
        ROWS.put(3, "v2");
        try (Jedis redis = new Jedis("127.0.0.1", server.port())) {
            redis.aclSetUser("default", "-incr"); // the tag clock cannot advance; reads and stores still work
            try {
                assertThatCode(() -> Larder.invalidateTag("group")).doesNotThrowAnyException();
                assertThat(tier().pendingTagCount()).isEqualTo(1);
                assertThat(readTagged(3))
                        .as("the value Redis still holds is not served while the invalidation is pending")
                        .isEqualTo("v2");
            } finally {
                redis.aclSetUser("default", "+@all");
            }
        }
        assertThat(within(5000, () -> tier().pendingTagCount() == 0))
                .as("replayed once Redis takes it")
                .isTrue();
        assertThat(readTagged(3)).isEqualTo("v2");
        int loads = TAGGED_LOADS.get();
        assertThat(readTagged(3)).isEqualTo("v2");
        assertThat(TAGGED_LOADS.get()).as("cached again").isEqualTo(loads);
    }

    @Test
    void aTagInvalidationDuringAPausedRedisDoesNotThrowAndTakesEffectOnceItIsBack() throws Exception {
        assertThat(TierMember.configure(settings("redis"))).isTrue();
        ROWS.put(4, "v1");
        assertThat(readTagged(4)).isEqualTo("v1");
        ROWS.put(4, "v2");
        server.pause();
        try {
            assertThatCode(() -> Larder.invalidateTag("group")).doesNotThrowAnyException();
            assertThat(tier().pendingTagCount()).isEqualTo(1);
        } finally {
            server.resume();
        }
        assertThat(within(10_000, () -> tier().pendingTagCount() == 0))
                .as("replayed once Redis answers")
                .isTrue();
        assertThat(within(5000, () -> Larder.stats("tagged").breakerState() == CircuitBreaker.CLOSED))
                .isTrue();
        assertThat(readTagged(4)).isEqualTo("v2");
        try (Jedis redis = new Jedis("127.0.0.1", server.port())) {
            assertThat(redis.get(namespace + ":{tags}:tag:group"))
                    .as("the tag's reading in Redis")
                    .isNotNull();
        }
    }
}
