package dev.larder.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.internal.redis.history.StallingProxy;
import dev.larder.model.CachedSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.RedisClient;

/**
 * The lease protocol across JVMs sharing one Redis: this JVM and forked {@link LeaseMember}s, which share nothing with
 * it but the Redis server. No load stores over a newer write or invalidation; a waiter on another JVM's lease stops at
 * an interrupt.
 */
class LeaseTest {
    /** Refreshes ahead 60 ms after a value was written. */
    private static final CachedHandle FRESH = Handles.cached(
            CachedSpec.of("lease#fresh(int)", "lease", "{id}", "1m")
                    .withRefresh(0.001, 0)
                    .withReturnType("java.lang.String"),
            LeaseMember.class);

    private static RedisServerProcess server;
    private final List<Member> members = new ArrayList<>();
    private String namespace;

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
        namespace = "lease-" + test.getTestMethod().orElseThrow().getName() + "-"
                + test.getDisplayName().replaceAll("[^a-z]", "");
    }

    @AfterEach
    void stopMembers() throws InterruptedException {
        for (Member member : members) {
            member.process.destroyForcibly();
            member.process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Map<String, String> settings(String backend, String stampede) {
        return Map.of(
                "larder.backend", backend,
                "larder.stampede", stampede,
                "larder.namespace", namespace,
                "larder.redis.uri", server.uri());
    }

    /** A JVM configured with these settings, sharing only the Redis server with this one. */
    private Member fork(Map<String, String> settings) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), LeaseMember.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Member member = new Member(
                process,
                new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8),
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
        members.add(member);
        assertThat(member.send("settings" + FleetMember.words(settings))).isEqualTo("ok");
        return member;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis", "tiered"})
    void aSlowLoadInOneJvmNeverOverwritesAnotherJvmsWriteOrInvalidation(String backend) throws Exception {
        Map<String, String> settings = settings(backend, "local");
        Member a = fork(settings);
        FleetMember.configure(settings); // this JVM is B
        long errorsBefore = Larder.stats("lease").backendErrors(); // counters outlive configurations
        assertThat(a.send("hold 1 old")).isEqualTo("started");
        assertThat(a.send("hold 2 old")).isEqualTo("started");

        LeaseMember.WRITE.put(LeaseMember.WRITE.key(1), "new");
        LeaseMember.REMOVE.invalidate(LeaseMember.REMOVE.key(2));
        assertThat(a.send("release"))
                .as("each load's own caller gets its value")
                .isEqualTo("old old");
        Member c = fork(settings);

        assertThat(a.send("read 1")).as("A after the write").isEqualTo("new");
        assertThat(LeaseMember.read(1, () -> "loaded-by-b")).as("B, the writer").isEqualTo("new");
        assertThat(c.send("read 1")).as("a fresh JVM C").isEqualTo("new");
        assertThat(a.send("read 2")).as("A after the invalidation").isNotEqualTo("old");
        assertThat(LeaseMember.read(2, () -> "loaded-by-b"))
                .as("B, the invalidator")
                .isNotEqualTo("old");
        assertThat(c.send("read 2")).as("a fresh JVM C").isNotEqualTo("old");
        assertThat(valuesInRedis()).noneMatch(value -> value.contains("\"old\""));
        assertThat(Larder.stats("lease").backendErrors()).isEqualTo(errorsBefore);
    }

    @Test
    void aFutureCompletingAfterAnotherJvmsWriteDoesNotOverwriteIt() throws Exception {
        Map<String, String> settings = settings("redis", "local");
        Member a = fork(settings);
        FleetMember.configure(settings);
        Object key = LeaseMember.LATER.key(3);
        assertThat(LeaseMember.LATER.get(key)).isSameAs(CachedHandle.MISS);
        CompletableFuture<String> body = new CompletableFuture<>();
        assertThat(LeaseMember.LATER.load(key, () -> body)).isSameAs(body);

        assertThat(a.send("write 3 new")).isEqualTo("ok");
        body.complete("old");

        assertThat(a.send("read 3")).isEqualTo("new");
        assertThat(valuesInRedis()).noneMatch(value -> value.contains("\"old\""));
    }

    @Test
    void aPendingFutureIsSharedOnlyWithCallersThatStartBeforeAnotherJvmsWrite() throws Exception {
        Map<String, String> settings = settings("redis", "local");
        Member a = fork(settings);
        FleetMember.configure(settings);
        CompletableFuture<String> body = new CompletableFuture<>();
        assertThat(later(4, () -> body)).as("the first caller's load").isSameAs(body);
        assertThat(later(4, () -> CompletableFuture.completedFuture("second")))
                .as("a caller while it is pending shares it")
                .isSameAs(body);

        assertThat(a.send("write 4 new")).isEqualTo("ok");
        Object after = later(4, () -> CompletableFuture.completedFuture("after-the-write"));

        assertThat(after).as("a caller that starts after the write").isNotSameAs(body);
        assertThat(((CompletableFuture<?>) after).get(10, TimeUnit.SECONDS)).isIn("new", "after-the-write");
        Object next = later(4, () -> CompletableFuture.completedFuture("loaded-again"));
        assertThat(((CompletableFuture<?>) next).get(10, TimeUnit.SECONDS))
                .as("the next caller reads the write, not the superseded load")
                .isEqualTo("new");
        body.complete("old");
        assertThat(a.send("read 4")).isEqualTo("new");
        assertThat(valuesInRedis()).noneMatch(value -> value.contains("\"old\""));
    }

    /** Calls the async method of {@link LeaseMember#LATER} for a key; a miss runs {@code body}. */
    private static Object later(int id, dev.larder.internal.handle.Loader body) {
        Object key = LeaseMember.LATER.key(id);
        Object value = LeaseMember.LATER.get(key);
        return value != CachedHandle.MISS ? value : LeaseMember.LATER.load(key, body);
    }

    @Test
    void aRefreshAheadRacingAnotherJvmsWriteDoesNotOverwriteIt() throws Exception {
        Map<String, String> settings = settings("redis", "local");
        Member a = fork(settings);
        FleetMember.configure(settings);
        Object key = FRESH.key(7);
        assertThat(FRESH.load(key, () -> "v1")).isEqualTo("v1");
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        while (System.nanoTime() < due) {
            LockSupport.parkNanos(due - System.nanoTime()); // the clock must pass the refresh point
        }
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        assertThat(FRESH.load(key, () -> {
                    started.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    return "old";
                }))
                .as("the due value, while a refresh starts")
                .isEqualTo("v1");
        assertThat(started.await(10, TimeUnit.SECONDS)).as("refresh started").isTrue();

        assertThat(a.send("write 7 new")).isEqualTo("ok");
        release.countDown();
        // Waits for the refresh if it is still registered, else reads what it left; on the thread that scheduled it.
        assertThat(FRESH.load(key, () -> "new")).isEqualTo("new"); // "new" is current

        assertThat(a.send("read 7")).isEqualTo("new");
        assertThat(valuesInRedis()).noneMatch(value -> value.contains("\"old\""));
    }

    @Test
    void withLocalStampedeAJvmThatFindsTheLeaseHeldLoadsItselfAndOnlyTheHolderStores() throws Exception {
        Map<String, String> settings = settings("tiered", "local");
        Member a = fork(settings);
        FleetMember.configure(settings);
        assertThat(a.send("hold 6 holder")).isEqualTo("started");

        assertThat(LeaseMember.read(6, () -> "not-holder")).as("loads at once").isEqualTo("not-holder");
        assertThat(LeaseMember.READ.get(LeaseMember.READ.key(6)))
                .as("nor kept in L1")
                .isSameAs(CachedHandle.MISS);
        assertThat(a.send("release")).isEqualTo("holder");

        assertThat(LeaseMember.read(6, () -> "loaded-again")).isEqualTo("holder");
    }

    @Test
    void aCallerThatWaitsOnALoadWhichCannotStoreNeverGetsAValueOlderThanAWriteThatCompletedBeforeIt() throws Exception {
        Map<String, String> settings = settings("redis", "local");
        Member a = fork(settings);
        FleetMember.configure(settings);
        assertThat(a.send("hold 8 holder")).as("another JVM holds the lease").isEqualTo("started");
        assertAWaiterAfterAnotherJvmsWriteNeverGetsTheOlderLoad(a, 8);
        assertThat(a.send("release")).isEqualTo("holder");
    }

    @Test
    void aCallerThatWaitsOnALoadMadeWhileRedisWasUnreachableNeverGetsAValueOlderThanAWriteBeforeIt() throws Exception {
        Map<String, String> direct = settings("redis", "local");
        Member a = fork(direct);
        try (StallingProxy proxy = new StallingProxy(server.port())) {
            Map<String, String> settings = new HashMap<>(direct);
            settings.put("larder.redis.uri", proxy.uri());
            FleetMember.configure(settings);
            proxy.stall(); // this JVM's Redis calls time out: its loads run without a lease
            assertAWaiterAfterAnotherJvmsWriteNeverGetsTheOlderLoad(a, 9);
            proxy.resume();
        }
    }

    /**
     * A first reader in this JVM loads "old" and is held; JVM {@code a} then writes "new"; a second reader that starts
     * after the write and waits on the first one's load must not return "old".
     */
    private static void assertAWaiterAfterAnotherJvmsWriteNeverGetsTheOlderLoad(Member a, int key) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> first = CompletableFuture.supplyAsync(
                () -> LeaseMember.read(key, () -> {
                    started.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    return "old";
                }),
                task -> new Thread(task, "first-reader").start());
        assertThat(started.await(10, TimeUnit.SECONDS))
                .as("the first read loads without storing")
                .isTrue();

        assertThat(a.send("write " + key + " new"))
                .as("another JVM's write that completes before the second read")
                .isEqualTo("ok");
        long waitsBefore = Larder.stats("lease").waits();
        CompletableFuture<Object> second = CompletableFuture.supplyAsync(
                () -> LeaseMember.read(key, () -> "loaded-by-second"),
                task -> new Thread(task, "second-reader").start());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Larder.stats("lease").waits() == waitsBefore && !second.isDone() && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // until the second reader waits on the first one's load (or did not wait at all)
        }
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS))
                .as("the first read began before the write")
                .isEqualTo("old");
        assertThat(second.get(10, TimeUnit.SECONDS))
                .as("the second read began after the write completed")
                .isNotEqualTo("old");
    }

    @Test
    void anInterruptedWaiterOnAnotherJvmsLeaseRunsTheMethodAtOnceWithoutPollingRedis() throws Exception {
        Map<String, String> settings = settings("redis", "distributed");
        Member a = fork(settings);
        FleetMember.configure(settings);
        assertThat(a.send("hold 5 held")).isEqualTo("started");

        long callsBefore = redisCalls();
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            Thread.currentThread().interrupt();
            long start = System.nanoTime();
            Object value = LeaseMember.read(5, () -> "ran-uncached");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            outcome.complete(value + " interrupted=" + Thread.currentThread().isInterrupted() + " " + millis);
        });
        waiter.start();
        String[] result = outcome.get(20, TimeUnit.SECONDS).split(" ");
        long calls = redisCalls() - callsBefore;

        assertThat(result[0]).as("the waiter ran the method itself").isEqualTo("ran-uncached");
        assertThat(result[1]).as("it kept its interrupt flag").isEqualTo("interrupted=true");
        assertThat(Long.parseLong(result[2])).as("milliseconds it waited").isLessThan(1000);
        assertThat(calls).as("Redis commands meanwhile, from every JVM").isLessThan(20);
        assertThat(a.send("release")).isEqualTo("held");
        assertThat(LeaseMember.read(5, () -> "loaded-again"))
                .as("the holder's value, stored under its lease")
                .isEqualTo("held");
    }

    @Test
    void theLeaseTimeAndTheDistributedWaitAreConfigured() throws Exception {
        Map<String, String> settings = new HashMap<>(settings("redis", "distributed"));
        settings.put("larder.redis.leaseTtl", "20s");
        settings.put("larder.redis.leaseWait", "300ms");
        Member a = fork(settings);
        FleetMember.configure(settings);
        assertThat(a.send("hold 11 held")).isEqualTo("started");
        try (RedisClient redis = RedisClient.create("127.0.0.1", server.port())) {
            String marker = redis.keys(namespace + ":*").stream()
                    .filter(key -> !key.endsWith(":gen"))
                    .findFirst()
                    .orElseThrow();
            assertThat(redis.pttl(marker)).as("ms the lease marker lives").isBetween(10_000L, 20_000L);
        }

        long start = System.nanoTime();
        assertThat(LeaseMember.read(11, () -> "ran-uncached")).isEqualTo("ran-uncached");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(millis).as("ms this JVM waited for the holder").isBetween(250L, 3000L);
        assertThat(a.send("release")).isEqualTo("held");
    }

    /** Every command the server has run so far (INFO commandstats). */
    private static long redisCalls() {
        try (RedisClient redis = RedisClient.create("127.0.0.1", server.port())) {
            long calls = 0;
            for (String line : redis.info("commandstats").split("\r?\n")) {
                int at = line.indexOf("calls=");
                if (line.startsWith("cmdstat_") && at > 0) {
                    calls += Long.parseLong(line.substring(at + 6, line.indexOf(',', at)));
                }
            }
            return calls;
        }
    }

    /** The values under this test's namespace, as text. */
    private List<String> valuesInRedis() {
        try (RedisClient redis = RedisClient.create("127.0.0.1", server.port())) {
            List<String> values = new ArrayList<>();
            for (String key : redis.keys(namespace + ":*")) {
                if (!key.endsWith(":gen")) {
                    byte[] bytes = redis.get(key.getBytes(StandardCharsets.UTF_8));
                    values.add(bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1));
                }
            }
            return values;
        }
    }

    private record Member(Process process, Writer out, BufferedReader in) {
        String send(String command) throws IOException {
            out.write(command + "\n");
            out.flush();
            String answer = in.readLine();
            assertThat(answer).as("answer to " + command).isNotNull();
            return answer;
        }
    }
}
