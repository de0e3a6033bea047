package dev.larder.internal.writebehind.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.Handles;
import dev.larder.internal.handle.WriteBehindHandle;
import dev.larder.internal.redis.JournalStreams;
import dev.larder.internal.redis.RedisJournal;
import dev.larder.internal.redis.RedisServerProcess;
import dev.larder.internal.writebehind.Journal.Recovered;
import dev.larder.internal.writebehind.journal.FileJournalTest.Item;
import dev.larder.model.WriteBehindSpec;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RedisJournalTest {
    private static RedisServerProcess server;
    private String stream;

    @BeforeAll
    static void startRedis() {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @AfterEach
    void resetLarder() {
        Larder.configure(LarderConfig.builder().set("larder.metrics", "none").build());
    }

    private RedisJournal open(TestInfo test) {
        stream = "test:wb:{" + test.getTestMethod().orElseThrow().getName() + "}";
        LarderConfig config = LarderConfig.builder()
                .set("larder.redis.uri", server.uri())
                .set("larder.redis.timeout", "300ms")
                .set("larder.redis.connectTimeout", "300ms")
                .build();
        return new RedisJournal(JournalStreams.open(config), stream, FileJournalTest.VALUES, 60_000);
    }

    @Test
    void writesOfAJvmThatLeftAreTakenOverInOrder(TestInfo test) {
        RedisJournal gone = open(test);
        long first = gone.append(1, new Item("a", 1));
        long second = gone.append(2, new Item("b", 2));
        gone.append(3, null);
        assertThat(second).isGreaterThan(first);
        gone.settle(second);
        gone.close(); // drops its heartbeat, as expiry does for a JVM that died
        try (RedisJournal next = open(test)) {
            List<Recovered> recovered = next.recover();
            assertThat(recovered).extracting(Recovered::encodedKey).containsExactly("1", "3");
            assertThat(recovered.get(0).value()).isEqualTo(new Item("a", 1));
            assertThat(recovered.get(1).value()).isNull();
            recovered.forEach(r -> next.settle(r.sequence()));
        }
        try (RedisJournal last = open(test)) {
            assertThat(last.recover()).isEmpty();
        }
    }

    @Test
    void aLiveJvmKeepsItsPendingWrites(TestInfo test) {
        try (RedisJournal alive = open(test);
                RedisJournal other = open(test)) {
            alive.append("k", new Item("a", 1));
            assertThat(other.recover()).isEmpty();
            assertThat(alive.recover()).isEmpty();
        }
    }

    @Test
    void appendFailsAsUnavailableWhenRedisIsDown(TestInfo test) {
        try (RedisJournal journal = open(test)) {
            server.stop();
            try {
                assertThatThrownBy(() -> journal.append("k", new Item("a", 1)))
                        .isInstanceOf(JournalUnavailableException.class)
                        .hasMessageContaining(stream);
            } finally {
                server.restart();
            }
        }
    }

    /** The store of {@link #writeIsMadeSynchronouslyWhenTheJournalIsDown}. */
    public static final class Store {
        final List<Object> rows = new CopyOnWriteArrayList<>();
    }

    @Test
    void writeIsMadeSynchronouslyWhenTheJournalIsDown() {
        Larder.configure(LarderConfig.builder()
                .set("larder.metrics", "none")
                .set("larder.writeBehind.journal", "redis")
                .set("larder.namespace", "sync")
                .set("larder.redis.uri", server.uri())
                .set("larder.redis.timeout", "300ms")
                .set("larder.redis.connectTimeout", "300ms")
                .build());
        WriteBehindHandle handle = Handles.writeBehind(
                new WriteBehindSpec("sync#save(String)", "sync", "{id}", "", "1h", 100, false, 3),
                (target, values) -> ((Store) target).rows.addAll(values),
                String.class);
        Store store = new Store();
        handle.write(store, "queued", "queued", () -> {});
        assertThat(store.rows).isEmpty(); // journalled and queued for an hour
        server.stop();
        try {
            handle.write(store, "sync", "sync", () -> {});
            // not kept anywhere, so written before the call returned, after the older queued write
            assertThat(store.rows).containsExactly("queued", "sync");
        } finally {
            server.restart();
        }
    }
}
