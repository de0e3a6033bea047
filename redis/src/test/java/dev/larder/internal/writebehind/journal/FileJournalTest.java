package dev.larder.internal.writebehind.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.ConfigurationException;
import dev.larder.LarderConfig;
import dev.larder.LarderConfig.Fsync;
import dev.larder.ValueType;
import dev.larder.internal.config.ConfigKeys;
import dev.larder.internal.redis.DefaultCodec;
import dev.larder.internal.writebehind.Journal.Recovered;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class FileJournalTest {
    /** A journalled value; public so that the JSON codec can build it. */
    public record Item(String name, int quantity) {}

    static final ValueBytes VALUES = new ValueBytes(
            DefaultCodec.json("test", "test"),
            new ValueType(Item.class.getName(), FileJournalTest.class.getClassLoader()));

    @TempDir
    Path dir;

    private FileJournal open(Fsync fsync, long segmentBytes) {
        return FileJournal.open(dir, VALUES, fsync, segmentBytes);
    }

    @Test
    void unsettledWritesAreRecoveredInOrderWithTheirDeclaredType() {
        try (FileJournal journal = open(Fsync.BATCH, 1 << 20)) {
            long first = journal.append(1, new Item("a", 1));
            long second = journal.append(2, new Item("b", 2));
            journal.append(1, null);
            assertThat(second).isGreaterThan(first);
            journal.settle(second);
        }
        try (FileJournal journal = open(Fsync.BATCH, 1 << 20)) {
            assertThat(journal.recover())
                    .extracting(Recovered::encodedKey, Recovered::value)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("1", new Item("a", 1)),
                            org.assertj.core.groups.Tuple.tuple("1", null));
            assertThat(journal.recover()).isEmpty();
        }
    }

    @Test
    void recoveredWritesStayUntilSettledAcrossRestarts() {
        try (FileJournal journal = open(Fsync.NEVER, 1 << 20)) {
            journal.append("k", new Item("a", 1));
        }
        try (FileJournal journal = open(Fsync.NEVER, 1 << 20)) {
            List<Recovered> recovered = journal.recover();
            assertThat(recovered).hasSize(1);
            journal.append("other", new Item("b", 2));
            journal.settle(recovered.get(0).sequence());
        }
        try (FileJournal journal = open(Fsync.NEVER, 1 << 20)) {
            assertThat(journal.recover()).extracting(Recovered::encodedKey).containsExactly("other");
        }
    }

    @Test
    void tornTailIsTruncatedAndEverythingBeforeItReplayed() throws IOException {
        Path segment;
        try (FileJournal journal = open(Fsync.ALWAYS, 1 << 20)) {
            journal.append(1, new Item("a", 1));
            journal.append(2, new Item("b", 2));
            journal.append(3, new Item("c", 3));
            segment = journal.segmentFiles().get(0);
        }
        long size = Files.size(segment);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(size - 5); // the last record loses its end, as when the JVM dies mid-write
        }
        try (FileJournal journal = open(Fsync.ALWAYS, 1 << 20)) {
            assertThat(journal.recover()).extracting(Recovered::encodedKey).containsExactly("1", "2");
            journal.append(4, new Item("d", 4));
        }
        try (FileJournal journal = open(Fsync.ALWAYS, 1 << 20)) {
            assertThat(journal.recover()).extracting(Recovered::encodedKey).containsExactly("1", "2", "4");
        }
    }

    @Test
    void corruptRecordEndsTheLogAndIsTruncated() throws IOException {
        Path segment;
        long afterFirst;
        try (FileJournal journal = open(Fsync.ALWAYS, 1 << 20)) {
            journal.append(1, new Item("a", 1));
            segment = journal.segmentFiles().get(0);
            afterFirst = Files.size(segment);
            journal.append(2, new Item("b", 2));
            journal.append(3, new Item("c", 3));
        }
        byte[] bytes = Files.readAllBytes(segment);
        bytes[(int) afterFirst + 20] ^= 0x40; // a flipped bit inside the second record
        Files.write(segment, bytes);
        try (FileJournal journal = open(Fsync.ALWAYS, 1 << 20)) {
            assertThat(journal.recover()).extracting(Recovered::encodedKey).containsExactly("1");
        }
        assertThat(Files.size(segment)).isEqualTo(afterFirst);
    }

    @Test
    void settledSegmentsAreDeletedOldestFirst() {
        try (FileJournal journal = open(Fsync.NEVER, 200)) {
            List<Long> sequences = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                sequences.add(journal.append(i, new Item("item-" + i, i)));
            }
            int segments = journal.segmentFiles().size();
            assertThat(segments).isGreaterThan(5);
            for (long sequence : sequences.subList(1, sequences.size())) {
                journal.settle(sequence);
            }
            // the oldest segment holds an unsettled write, and no newer segment goes before it
            assertThat(journal.segmentFiles()).hasSize(segments);
            journal.settle(sequences.get(0));
            assertThat(journal.segmentFiles()).hasSize(1);
            assertThat(journal.unsettled()).isZero();
        }
        try (FileJournal journal = open(Fsync.NEVER, 200)) {
            assertThat(journal.recover()).isEmpty();
        }
    }

    @Test
    void aSecondJournalOfOneDirectoryTakesItsOwnSlotAndIsAdoptedWhenGone() {
        FileJournal first = open(Fsync.BATCH, 1 << 20);
        FileJournal second = open(Fsync.BATCH, 1 << 20);
        second.append("left", new Item("x", 1));
        assertThat(second.segmentFiles().get(0).getParent())
                .isNotEqualTo(first.segmentFiles().get(0).getParent());
        assertThat(second.recover()).isEmpty();
        second.close(); // its JVM is gone: the lock is free, the write unsettled
        first.close();
        try (FileJournal third = open(Fsync.BATCH, 1 << 20)) {
            List<Recovered> recovered = third.recover();
            assertThat(recovered).extracting(Recovered::encodedKey).containsExactly("left");
            third.settle(recovered.get(0).sequence());
        }
        try (FileJournal fourth = open(Fsync.BATCH, 1 << 20)) {
            assertThat(fourth.recover()).isEmpty();
        }
    }

    @Test
    void concurrentAppendersShareFsyncsAndLoseNothing() throws Exception {
        int threads = 8;
        int each = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try (FileJournal journal = open(Fsync.ALWAYS, 4096)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        journal.append(thread * each + i, new Item("t" + thread, i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (FileJournal journal = open(Fsync.ALWAYS, 4096)) {
            assertThat(journal.recover()).hasSize(threads * each);
        }
    }

    @Test
    void unwritableDirectoryFailsTheConfigurationWithPathAndReason() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        String value = "file:" + file.resolve("journal");
        assertThatThrownBy(() -> LarderConfig.builder()
                        .set(ConfigKeys.WRITE_BEHIND_JOURNAL, value)
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(ConfigKeys.WRITE_BEHIND_JOURNAL)
                .hasMessageContaining(file.resolve("journal").toString())
                .hasMessageContaining("cannot be written");
    }

    @Test
    void writableDirectoryIsCreatedAtConfiguration() {
        Path journal = dir.resolve("nested/journal");
        LarderConfig config = LarderConfig.builder()
                .set(ConfigKeys.WRITE_BEHIND_JOURNAL, "file:" + journal)
                .set(ConfigKeys.WRITE_BEHIND_FSYNC, "never")
                .build();
        assertThat(journal).isDirectory();
        assertThat(config.writeBehindFsync()).isEqualTo(Fsync.NEVER);
    }
}
