package dev.larder.internal.redis;

import static dev.larder.internal.redis.TierMember.ROWS;
import static dev.larder.internal.redis.TierMember.TAGGED_LOADS;
import static dev.larder.internal.redis.TierMember.readTagged;
import static dev.larder.internal.redis.TieredInvalidationTest.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.LogCapture;
import dev.larder.internal.handle.BulkHandle;
import dev.larder.internal.handle.BulkHandle.BulkLoader;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.internal.state.LarderRuntime;
import dev.larder.internal.tag.TagClock;
import dev.larder.model.CachedSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

/**
 * Tags on the Redis backends against a real redis-server: another JVM's tag invalidation (a forked {@link TierMember}
 * sharing nothing with this one but Redis), a load under way during it, and a Redis that cannot take it; the {@code
 * {tags}} keys lost while values stamped with their readings survive (on a Cluster the slot's master restarted empty or
 * failed over to a replica behind it), and another JVM's tagged value read by a method of this JVM that is not tagged
 * itself (the tagged method's class not loaded here yet).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisTagTest {
    /** A method of its own cache without tags: in this JVM no tagged method uses the cache. */
    private static final CachedHandle PLAIN = Handles.cached(
            CachedSpec.of("tagloss#plain(int)", "sharedTags", "{id}", "10m").withReturnType("java.lang.String"),
            RedisTagTest.class);

    /** A bulk lookup in the cache of {@link TierMember#readTagged}: it finds the values that method stored, tagged. */
    private static final BulkHandle TAGGED_ALL = Handles.cachedAll(
            CachedSpec.of("tier#taggedAll(Set)", "tagged", "{id}", "10m").withReturnType("java.lang.String"),
            RedisTagTest.class);

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
        Future<String> slow = slowTaggedRead(2, read, release);
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
        Future<String> slow = slowTaggedRead(6, read, release);
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

    @Test
    void anInvalidationAfterTheTagKeysWereLostHidesValuesStampedWithALaterReading() throws Exception {
        assertThat(TierMember.configure(settings("redis"))).isTrue();
        for (int i = 0; i < 5; i++) {
            Larder.invalidateTag("other"); // the tag clock reads 5
        }
        ROWS.put(7, "v1");
        assertThat(readTagged(7)).isEqualTo("v1"); // in Redis, stamped with the reading 5
        try (Jedis redis = new Jedis("127.0.0.1", server.port())) {
            // The {tags} slot lost its keys (its master restarted empty, or a replica behind it took over); the
            // values, on other masters of a Cluster, are still there.
            redis.del(namespace + ":{tags}:clock", namespace + ":{tags}:tag:other");
        }
        ROWS.put(7, "v2");

        Larder.invalidateTag("group"); // the clock starts again: the tag's reading is 1

        assertThat(readTagged(7))
                .as("a value stamped before the invalidation is not served after it returned")
                .isEqualTo("v2");
        assertCached(7, "v2"); // the reload, stamped on the new clock
    }

    @Test
    void aRedisThatEvictsAnyKeyIsNamedOnceTagsAreUsed() throws Exception {
        try (Jedis redis = new Jedis("127.0.0.1", server.port());
                LogCapture log = LogCapture.of("dev.larder.redis")) {
            redis.configSet("maxmemory-policy", "allkeys-lru");
            try {
                assertThat(TierMember.configure(settings("redis"))).isTrue();
                Larder.invalidateTag("group");

                assertThat(within(10_000, () -> tier().evictionChecked())).isTrue();
                assertThat(log.warnings())
                        .as("an evicted tag key would bring back what its invalidation hid")
                        .anySatisfy(line -> assertThat(line)
                                .contains("maxmemory-policy allkeys-lru", "'" + namespace + "'", "noeviction"));
            } finally {
                redis.configSet("maxmemory-policy", "noeviction");
            }
        }
    }

    @Test
    void aRedisThatNeverEvictsTagKeysIsNotWarnedAbout() throws Exception {
        try (Jedis redis = new Jedis("127.0.0.1", server.port());
                LogCapture log = LogCapture.of("dev.larder.redis")) {
            redis.configSet("maxmemory-policy", "volatile-lru"); // tag keys have no TTL: never evicted
            try {
                assertThat(TierMember.configure(settings("redis"))).isTrue();
                ROWS.put(3, "v1");
                assertThat(readTagged(3)).isEqualTo("v1"); // a tagged load uses tags too

                assertThat(within(10_000, () -> tier().evictionChecked())).isTrue();
                assertThat(log.warnings()).noneSatisfy(line -> assertThat(line).contains("maxmemory-policy"));
            } finally {
                redis.configSet("maxmemory-policy", "noeviction");
            }
        }
    }

    @Test
    void aBulkLookupChecksTheTagsOfEveryTaggedValueItFindsWithOneMget() throws Exception {
        assertThat(TierMember.configure(settings("redis"))).isTrue();
        List<Integer> ids = IntStream.range(0, 20).boxed().toList();
        for (int id : ids) {
            ROWS.put(id, "v" + id);
            assertThat(readTagged(id)).isEqualTo("v" + id); // stored tagged
        }
        List<Collection<?>> loads = new ArrayList<>();
        BulkLoader loader = missing -> {
            loads.add(List.copyOf(missing));
            Map<Object, Object> rows = new HashMap<>();
            missing.forEach(id -> rows.put(id, ROWS.get((Integer) id)));
            return rows;
        };
        long mgets = server.commandCalls("mget");

        assertThat(TAGGED_ALL.getAll(ids, TAGGED_ALL::key, loader)).hasSize(20).containsEntry(7, "v7");
        assertThat(loads).as("every value found in Redis").isEmpty();
        assertThat(server.commandCalls("mget") - mgets)
                .as("one check of the tags of all twenty values")
                .isEqualTo(1);

        ROWS.put(7, "w7");
        Larder.invalidateTag("group");
        assertThat(TAGGED_ALL.getAll(ids, TAGGED_ALL::key, loader)).containsEntry(7, "w7");
        assertThat(loads)
                .as("each value carries the invalidated tag: all loaded again")
                .hasSize(1);
        assertThat(loads.get(0)).hasSize(20);
    }

    /**
     * A tagged read of {@code id} on the loader thread whose load reads the row, opens {@code read}, and returns the row
     * it read only once {@code release} opens: a slow load racing what the test does meanwhile.
     */
    private Future<String> slowTaggedRead(int id, CountDownLatch read, CountDownLatch release) {
        return loader.submit(() -> readTagged(id, () -> {
            String row = ROWS.get(id);
            read.countDown();
            hold(release);
            return row;
        }));
    }

    /** Waits for the test to open {@code release}, 30 seconds at most. */
    private static void hold(CountDownLatch release) {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the tagged method's value of {@code id} and finds it cached: its load does not run. */
    private static void assertCached(int id, String expected) {
        int loads = TierMember.TAGGED_LOADS.get();
        assertThat(readTagged(id)).isEqualTo(expected);
        assertThat(TierMember.TAGGED_LOADS.get()).as("cached").isEqualTo(loads);
    }

    @Test
    void anInvalidationAfterTheClockAloneWasLostLetsValuesOfTagsWithHigherReadingsBeCachedAgain() throws Exception {
        assertThat(TierMember.configure(settings("redis"))).isTrue();
        for (int i = 0; i < 5; i++) {
            Larder.invalidateTag("group"); // the tag's reading is the clock's: 5 invalidations on
        }
        try (Jedis redis = new Jedis("127.0.0.1", server.port())) {
            redis.del(namespace + ":{tags}:clock"); // evicted, or lost with the slot while the tag's key came back
        }
        Larder.invalidateTag("other"); // the clock starts again, below the reading of "group"
        ROWS.put(8, "v1");
        assertThat(readTagged(8)).isEqualTo("v1");

        assertCached(8, "v1"); // not stamped below its tag's reading until the clock passes it
    }

    @Test
    void aStaleTaggedValueReplacedByALeaseStillRefusesAnOlderWriteThatArrivesLate() throws Exception {
        assertThat(TierMember.configure(settings("redis"))).isTrue();
        long stalledVersion = HybridClock.next(); // a write of "A", committed, whose Redis call a stalled link holds
        ROWS.put(9, "B"); // then a newer row, which a load stores tagged
        assertThat(readTagged(9)).isEqualTo("B");
        Larder.invalidateTag("group");
        CountDownLatch leased = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        {
            Future<String> reload = loader.submit(() -> readTagged(9, () -> {
                leased.countDown(); // the stale value was replaced by this load's lease
                hold(release);
                return ROWS.get(9);
            }));
            assertThat(leased.await(10, TimeUnit.SECONDS)).isTrue();
            RemoteCache remote = Objects.requireNonNull(RedisTiers.remote(LarderRuntime.current(), "tagged"));
            byte[] key =
                    Objects.requireNonNull(remote.key(TierMember.TAGGED.key(9))).getBytes(StandardCharsets.UTF_8);
            byte[] late = Envelope.wrap(tier().codec, "A", stalledVersion, System.currentTimeMillis(), 0);

            assertThat(tier().ops.writeIfNewer(key, late, 0))
                    .as("the late write is older than the value the lease replaced: refused")
                    .isNotNull();

            release.countDown();
            assertThat(reload.get(10, TimeUnit.SECONDS)).isEqualTo("B");
        }
        assertThat(readTagged(9)).isEqualTo("B");
    }

    @Test
    void anUntaggedMethodsL1CopyOfATaggedValueIsNotServedOnceTheTagIsInvalidated() throws Exception {
        assertThat(TierMember.configure(settings("tiered"))).isTrue();
        ROWS.put(1, "v1");
        assertThat(plain(99)).isEqualTo("none"); // the cache's Redis view exists
        RedisTier tier = tier();
        RemoteCache remote = Objects.requireNonNull(RedisTiers.remote(LarderRuntime.current(), "sharedTags"));
        String remoteKey = Objects.requireNonNull(remote.key(PLAIN.key(1)));
        byte[] tagged = Envelope.wrapTagged(
                tier.codec, "v1", HybridClock.next(), System.currentTimeMillis(), 1, 0, new String[] {"author"});
        try (Jedis redis = new Jedis("127.0.0.1", server.port())) {
            // What another JVM's tagged method of the cache stored, with the tag clock at 0
            redis.set(
                    remoteKey.getBytes(StandardCharsets.UTF_8),
                    tagged,
                    SetParams.setParams().px(600_000));
        }
        assertThat(plain(1)).as("from Redis, into the L1").isEqualTo("v1");
        assertThat(plain(1)).as("from the L1").isEqualTo("v1");
        ROWS.put(1, "v2");

        Larder.invalidateTag("author");

        assertThat(plain(1))
                .as("the L1 copy carries the tag: not served after its invalidation returned")
                .isEqualTo("v2");
    }

    private static String plain(int id) {
        Object key = PLAIN.key(id);
        Object value = PLAIN.get(key);
        return (String) (value != CachedHandle.MISS ? value : PLAIN.load(key, () -> ROWS.getOrDefault(id, "none")));
    }
}
