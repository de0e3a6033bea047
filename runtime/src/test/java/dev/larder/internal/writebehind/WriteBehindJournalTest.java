package dev.larder.internal.writebehind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.DeadLetterHandler;
import dev.larder.FailedWrite;
import dev.larder.internal.metrics.CacheCounters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The queue's side of the journal: what it appends, when it settles, how it queues recovered writes. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class WriteBehindJournalTest {
    private static final Duration LONG = Duration.ofHours(1);
    private static final RetryBackoff FAST = new RetryBackoff(Duration.ofMillis(1), Duration.ofMillis(4));

    private final WriteBehindScheduler scheduler = new WriteBehindScheduler(2);
    private final CacheCounters counters = new CacheCounters("journaled");
    private final List<FailedWrite> deadLetters = new CopyOnWriteArrayList<>();
    private final Object target = new Object();

    @AfterEach
    void closeScheduler() {
        scheduler.close();
    }

    /** Records appends and settlements in memory; recovers what it was given. */
    private static final class FakeJournal implements Journal {
        final AtomicLong sequences = new AtomicLong(100);
        final Map<Long, Object> appended = new ConcurrentHashMap<>();
        final Map<Long, Boolean> settled = new ConcurrentHashMap<>();
        final AtomicInteger settleCalls = new AtomicInteger();
        final List<Recovered> recovered;
        volatile boolean broken;

        FakeJournal(List<Recovered> recovered) {
            this.recovered = recovered;
        }

        @Override
        public long append(Object key, @Nullable Object value) {
            if (broken) {
                throw new UncheckedIOException(new IOException("disk full"));
            }
            long sequence = sequences.incrementAndGet();
            appended.put(sequence, key + "=" + value);
            return sequence;
        }

        @Override
        public void settle(long sequence) {
            settleCalls.incrementAndGet();
            assertThat(settled.put(sequence, true))
                    .as("settled twice: %d", sequence)
                    .isNull();
        }

        @Override
        public List<Recovered> recover() {
            return recovered;
        }

        @Override
        public void close() {}

        List<Long> unsettled() {
            List<Long> open = new ArrayList<>();
            appended.keySet().forEach(sequence -> {
                if (!settled.containsKey(sequence)) {
                    open.add(sequence);
                }
            });
            for (Recovered write : recovered) {
                if (!settled.containsKey(write.sequence())) {
                    open.add(write.sequence());
                }
            }
            return open;
        }
    }

    private WriteBehindQueue queue(
            FakeJournal journal, boolean coalesce, Duration maxAge, @Nullable BatchWriter writer) {
        DeadLetterHandler handler = deadLetters::add;
        return new WriteBehindQueue(
                new WriteBehindSettings("journaled", LONG, 100, coalesce, 0, maxAge, 1_000),
                writer,
                scheduler,
                () -> handler,
                counters,
                FAST,
                journal,
                CacheSide.NONE,
                null);
    }

    @Test
    void everyAcknowledgedWriteIsAppendedAndSettledOnceWritten() {
        FakeJournal journal = new FakeJournal(List.of());
        List<Object> sink = new CopyOnWriteArrayList<>();
        WriteBehindQueue queue = queue(journal, true, LONG, (t, values) -> sink.addAll(values));

        queue.enqueue(target, "a", "a1", () -> {}, () -> {});
        assertThat(journal.appended).hasSize(1);
        queue.enqueue(target, "a", "a2", () -> {}, () -> {}); // coalesces: a1 is superseded by a2
        queue.enqueue(target, "b", "b1", () -> {}, () -> {});

        assertThat(journal.appended).hasSize(3);
        assertThat(journal.settled).isEmpty();
        queue.flush();

        assertThat(sink).containsExactly("a2", "b1");
        assertThat(journal.unsettled()).isEmpty();
        assertThat(journal.settleCalls).hasValue(3);
    }

    @Test
    void supersededWriteIsSettledOnlyOnceTheNewerOneIsWritten() throws Exception {
        FakeJournal journal = new FakeJournal(List.of());
        CountDownLatch firstFailed = new CountDownLatch(1);
        List<Boolean> olderSettledWhenNewerWritten = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        DeadLetterHandler handler = deadLetters::add;
        WriteBehindQueue queue = new WriteBehindQueue(
                new WriteBehindSettings("journaled", Duration.ZERO, 100, true, 5, LONG, 1_000),
                (t, values) -> {
                    if (calls.incrementAndGet() == 1) {
                        firstFailed.countDown();
                        throw new IOException("down");
                    }
                    olderSettledWhenNewerWritten.add(journal.settled.containsKey(101L));
                },
                scheduler,
                () -> handler,
                counters,
                new RetryBackoff(LONG, LONG), // v1's retry waits until v2 replaces it
                journal,
                CacheSide.NONE,
                null);

        queue.enqueue(target, "k", "v1", () -> {}, () -> {});
        assertThat(firstFailed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(journal.settled).isEmpty();
        queue.enqueue(target, "k", "v2", () -> {}, () -> {});
        queue.flush();

        assertThat(olderSettledWhenNewerWritten).containsExactly(false);
        assertThat(journal.unsettled()).isEmpty();
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void deadLetteredWriteIsSettled() {
        FakeJournal journal = new FakeJournal(List.of());
        WriteBehindQueue queue = queue(journal, true, Duration.ofMillis(50), (t, values) -> {
            throw new IOException("down");
        });

        queue.enqueue(target, "k", "v", () -> {}, () -> {});
        queue.flush();

        assertThat(deadLetters).hasSize(1);
        assertThat(journal.unsettled()).isEmpty();
    }

    @Test
    void recoveredWritesWaitForATargetThenGoAheadOfNewWritesInKeyOrder() {
        FakeJournal journal = new FakeJournal(List.of(
                new Journal.Recovered(1, "k1", "a"),
                new Journal.Recovered(2, "k2", "b"),
                new Journal.Recovered(3, "k1", "c")));
        List<Object> sink = new CopyOnWriteArrayList<>();
        List<Object> targets = new CopyOnWriteArrayList<>();
        WriteBehindQueue queue = queue(journal, false, LONG, (t, values) -> {
            targets.add(t);
            sink.addAll(values);
        });

        queue.flush();
        assertThat(sink).as("no target yet").isEmpty();
        assertThat(queue.pending()).isEqualTo(3);

        queue.enqueue(target, "k1", "d", () -> {}, () -> {});
        queue.flush();

        assertThat(sink).containsSubsequence("a", "c", "d").contains("b").hasSize(4);
        assertThat(targets).allSatisfy(t -> assertThat(t).isSameAs(target));
        assertThat(journal.unsettled()).isEmpty();
        assertThat(queue.pending()).isZero();
    }

    @Test
    void newWriteCoalescesWithARecoveredOneOfTheSameEncodedKey() {
        FakeJournal journal = new FakeJournal(List.of(new Journal.Recovered(1, "7", "old")));
        List<Object> sink = new CopyOnWriteArrayList<>();
        WriteBehindQueue queue = queue(journal, true, LONG, (t, values) -> sink.addAll(values));

        queue.enqueue(target, 7, "new", () -> {}, () -> {});
        queue.flush();

        assertThat(sink).containsExactly("new");
        assertThat(journal.unsettled()).isEmpty();
    }

    @Test
    void journalFailureReachesTheCallerAndNothingIsQueuedOrCached() {
        FakeJournal journal = new FakeJournal(List.of());
        journal.broken = true;
        AtomicInteger cacheUpdates = new AtomicInteger();
        WriteBehindQueue queue = queue(journal, true, LONG, (t, values) -> {});

        assertThatThrownBy(() -> queue.enqueue(target, "k", "v", () -> {}, cacheUpdates::incrementAndGet))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("disk full");
        assertThat(cacheUpdates).hasValue(0);
        assertThat(queue.pending()).isZero();
    }

    @Test
    void failingCacheUpdateSettlesItsAppendedWrite() {
        FakeJournal journal = new FakeJournal(List.of());
        WriteBehindQueue queue = queue(journal, true, LONG, (t, values) -> {});

        assertThatThrownBy(() -> queue.enqueue(target, "k", "v", () -> {}, () -> {
                    throw new IllegalStateException("cache broken");
                }))
                .hasMessage("cache broken");
        assertThat(journal.appended).hasSize(1);
        assertThat(journal.unsettled()).isEmpty();
        assertThat(queue.pending()).isZero();
    }
}
