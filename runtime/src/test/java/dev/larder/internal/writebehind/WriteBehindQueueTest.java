package dev.larder.internal.writebehind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.DeadLetterHandler;
import dev.larder.FailedWrite;
import dev.larder.internal.metrics.CacheCounters;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class WriteBehindQueueTest {
    private static final Duration LONG = Duration.ofHours(1);
    private static final RetryBackoff FAST = new RetryBackoff(Duration.ofMillis(1), Duration.ofMillis(4));
    private static final int THREADS = 8;
    private static final int WRITES = 100_000;
    private static final int KEYS = 100;

    private final WriteBehindScheduler scheduler = new WriteBehindScheduler(4);
    private final CacheCounters counters = new CacheCounters("users");
    private final List<FailedWrite> deadLetters = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstDeadLetter = new CountDownLatch(1);
    private final Object target = new Object();

    /** A value that carries its key, so a batch writer can tell where it goes. */
    private record Row(int key, int value) {}

    @AfterEach
    void closeScheduler() {
        scheduler.close();
    }

    private WriteBehindQueue queue(
            Duration delay, int batchSize, boolean coalesce, int maxRetries, @Nullable BatchWriter batchWriter) {
        return queue(delay, batchSize, coalesce, maxRetries, batchWriter, FAST);
    }

    private WriteBehindQueue queue(
            Duration delay,
            int batchSize,
            boolean coalesce,
            int maxRetries,
            @Nullable BatchWriter batchWriter,
            RetryBackoff backoff) {
        DeadLetterHandler handler = write -> {
            deadLetters.add(write);
            firstDeadLetter.countDown();
        };
        return new WriteBehindQueue(
                new WriteBehindSettings("users", delay, batchSize, coalesce, maxRetries),
                batchWriter,
                scheduler,
                () -> handler,
                counters,
                backoff);
    }

    private static CacheUpdate noCache() {
        return () -> {};
    }

    private WriteBehindQueue queue(
            WriteBehindSettings settings, @Nullable BatchWriter batchWriter, RetryBackoff backoff) {
        DeadLetterHandler handler = write -> {
            deadLetters.add(write);
            firstDeadLetter.countDown();
        };
        return new WriteBehindQueue(settings, batchWriter, scheduler, () -> handler, counters, backoff);
    }

    // ---- one bad row ----

    @Test
    void oneRowTheStoreRejectsIsDeadLetteredAloneAndTheOthersLand() {
        Map<Integer, Row> sink = new ConcurrentHashMap<>();
        IOException rejected = new IOException("row 5 rejected");
        WriteBehindQueue queue = queue(
                new WriteBehindSettings("users", LONG, 10, true, 1, Duration.ofMillis(300), 1_000),
                (target, values) -> {
                    for (Object value : values) {
                        if (((Row) value).key() == 5) {
                            throw rejected; // all or nothing, as a transaction would
                        }
                    }
                    values.forEach(value -> sink.put(((Row) value).key(), (Row) value));
                },
                FAST);

        for (int key = 0; key < 10; key++) {
            queue.enqueue(target, key, new Row(key, key), () -> {}, noCache());
        }
        queue.flush();

        assertThat(sink).hasSize(9).doesNotContainKey(5);
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).key()).isEqualTo(5);
        assertThat(deadLetters.get(0).value()).isEqualTo(new Row(5, 5));
        assertThat(deadLetters.get(0).cause()).isSameAs(rejected);
        assertThat(counters.writeBehindWrittenCount()).isEqualTo(9);
        assertThat(queue.pending()).isZero();
    }

    @Test
    void uncoalescedRetryKeepsItsPlaceBeforeLaterWritesOfItsKey() {
        List<String> sink = new CopyOnWriteArrayList<>();
        AtomicInteger failures = new AtomicInteger(2);
        WriteBehindQueue queue = queue(LONG, 100, false, 5, (target, values) -> {
            if (values.contains("k1") && failures.getAndDecrement() > 0) {
                throw new IOException("down");
            }
            values.forEach(value -> sink.add((String) value));
        });

        queue.enqueue(target, "k", "k1", () -> {}, noCache());
        queue.enqueue(target, "j", "j1", () -> {}, noCache());
        queue.enqueue(target, "k", "k2", () -> {}, noCache());
        queue.enqueue(target, "k", "k3", () -> {}, noCache());
        queue.flush();

        assertThat(sink).containsSubsequence("k1", "k2", "k3").contains("j1").hasSize(4);
        assertThat(deadLetters).isEmpty();
        assertThat(queue.pending()).isZero();
    }

    @Test
    void uncoalescedWritesThatDoNotFailKeepTheOrderTheyWereMadeIn() {
        List<Object> sink = new CopyOnWriteArrayList<>();
        WriteBehindQueue queue = queue(LONG, 100, false, 0, (target, values) -> sink.addAll(values));

        for (String write : List.of("a1", "b1", "a2", "b2", "a3", "c1")) {
            queue.enqueue(target, write.substring(0, 1), write, () -> {}, noCache());
        }
        queue.flush();

        assertThat(sink).containsExactly("a1", "b1", "a2", "b2", "a3", "c1");
    }

    // ---- outages ----

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void fourSecondOutageOfTheStoreDeadLettersNothing() throws Exception {
        Map<Integer, Row> sink = new ConcurrentHashMap<>();
        AtomicReference<Boolean> down = new AtomicReference<>(true);
        WriteBehindQueue queue = queue(
                new WriteBehindSettings("users", Duration.ofMillis(5), 20, true, 5),
                (target, values) -> {
                    if (down.get()) {
                        throw new IOException("connection refused");
                    }
                    values.forEach(value -> sink.put(((Row) value).key(), (Row) value));
                },
                new RetryBackoff(Duration.ofMillis(5), Duration.ofMillis(100)));

        long outageEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        int key = 0;
        while (System.nanoTime() < outageEnds) {
            queue.enqueue(target, key, new Row(key, key), () -> {}, noCache());
            key++;
            TimeUnit.MILLISECONDS.sleep(20); // writes spread over the outage, as traffic would be
        }
        down.set(false);
        queue.flush();

        assertThat(deadLetters).isEmpty();
        assertThat(sink).hasSize(key);
        assertThat(counters.writeBehindRetriedCount()).isPositive();
        assertThat(queue.pending()).isZero();
    }

    // ---- one path for every write ----

    @Test
    void afterCloseAWriteGoesThroughTheBatchWriterAndItsFailureIsRetriedNotThrown() {
        List<Object> sink = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        Map<String, String> cache = new ConcurrentHashMap<>();
        WriteBehindQueue queue = queue(LONG, 100, true, 3, (target, values) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IOException("down");
            }
            sink.addAll(values);
        });
        queue.close();

        queue.enqueue(
                target,
                "k",
                "late",
                () -> {
                    throw new AssertionError("the body must not run when there is a batch writer");
                },
                () -> cache.put("k", "late"));

        assertThat(sink).containsExactly("late");
        assertThat(calls.get()).isEqualTo(2);
        assertThat(cache).containsEntry("k", "late");
        assertThat(deadLetters).isEmpty();
        assertThat(queue.pending()).isZero();
    }

    @RepeatedTest(3)
    void writersRacingCloseAllGoThroughTheBatchWriterAndNoneThrows() throws Exception {
        Map<Integer, Integer> sink = new ConcurrentHashMap<>();
        AtomicInteger bodies = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        WriteBehindQueue queue = queue(Duration.ofMillis(1), 50, false, 100, (target, values) -> {
            if (calls.incrementAndGet() % 7 == 0) {
                throw new IOException("store hiccup"); // failures before, during and after the close
            }
            values.forEach(value -> sink.put((Integer) value, (Integer) value));
        });
        int perThread = 2_000;
        CountDownLatch halfway = new CountDownLatch(THREADS);
        List<Thread> writers = new ArrayList<>();
        List<Throwable> thrown = new CopyOnWriteArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    int id = thread * perThread + i;
                    try {
                        queue.enqueue(target, id, id, bodies::incrementAndGet, noCache());
                    } catch (Throwable e) {
                        thrown.add(e);
                    }
                    if (i == perThread / 2) {
                        halfway.countDown();
                    }
                }
            });
            writer.start();
            writers.add(writer);
        }

        assertThat(halfway.await(5, TimeUnit.SECONDS)).isTrue();
        queue.close();
        for (Thread writer : writers) {
            writer.join();
        }

        assertThat(thrown).isEmpty();
        assertThat(bodies).hasValue(0);
        assertThat(sink).hasSize(THREADS * perThread);
        assertThat(deadLetters).isEmpty();
        assertThat(queue.pending()).isZero();
    }

    // ---- the bound ----

    @Test
    void writersOutpacingASlowStoreWaitAtTheBound() throws Exception {
        int bound = 500;
        AtomicInteger maxSeen = new AtomicInteger();
        AtomicInteger written = new AtomicInteger();
        WriteBehindQueue[] holder = new WriteBehindQueue[1];
        WriteBehindQueue queue = queue(
                new WriteBehindSettings("users", Duration.ofMillis(1), 50, false, 0, LONG, bound),
                (target, values) -> {
                    TimeUnit.MILLISECONDS.sleep(2); // a store that takes about 25,000 rows/s
                    maxSeen.accumulateAndGet(holder[0].pending(), Math::max);
                    written.addAndGet(values.size());
                },
                FAST);
        holder[0] = queue;
        int perThread = 5_000;
        CyclicBarrier start = new CyclicBarrier(4);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        int id = thread * perThread + i;
                        queue.enqueue(target, id, id, () -> {}, noCache());
                        maxSeen.accumulateAndGet(queue.pending(), Math::max);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            writers.add(writer);
        }
        for (Thread writer : writers) {
            writer.join();
        }
        queue.flush();

        assertThat(maxSeen.get()).isLessThanOrEqualTo(bound);
        assertThat(written.get()).isEqualTo(4 * perThread);
        assertThat(counters.writeBehindWaitsCount()).isPositive();
    }

    // ---- many writers ----

    @RepeatedTest(5)
    void coalescedConcurrentWritesLeaveEveryKeyOnTheCachedValue() throws Exception {
        History history = new History();
        AtomicInteger sinkCalls = new AtomicInteger();
        WriteBehindQueue queue = queue(Duration.ofMillis(5), 100, true, 0, (target, values) -> {
            sinkCalls.incrementAndGet();
            history.written(values);
        });

        writeConcurrently(queue, history);
        queue.flush();

        assertThat(history.sinkValues()).isEqualTo(history.cacheValues()).hasSize(KEYS);
        for (int key = 0; key < KEYS; key++) {
            assertThat(history.cacheOrder(key)).containsSubsequence(history.sinkOrder(key));
        }
        assertThat(sinkCalls.get()).isLessThan(10_000);
        assertThat(queue.pending()).isZero();
        assertThat(counters.writeBehindQueuedCount()).isEqualTo(WRITES);
        assertThat(counters.writeBehindWrittenCount() + counters.writeBehindCoalescedCount())
                .isEqualTo(WRITES);
        assertThat(counters.writeBehindCoalescedCount()).isPositive();
    }

    @RepeatedTest(5)
    void uncoalescedConcurrentWritesReachTheSinkInPerKeyOrder() throws Exception {
        History history = new History();
        AtomicInteger sinkCalls = new AtomicInteger();
        WriteBehindQueue queue = queue(Duration.ofMillis(5), 100, false, 0, (target, values) -> {
            sinkCalls.incrementAndGet();
            history.written(values);
        });

        writeConcurrently(queue, history);
        queue.flush();

        for (int key = 0; key < KEYS; key++) {
            assertThat(history.sinkOrder(key)).isEqualTo(history.cacheOrder(key));
        }
        assertThat(history.sinkValues()).isEqualTo(history.cacheValues());
        assertThat(sinkCalls.get()).isLessThan(10_000);
        assertThat(counters.writeBehindWrittenCount()).isEqualTo(WRITES);
        assertThat(counters.writeBehindCoalescedCount()).isZero();
        assertThat(queue.pending()).isZero();
    }

    private static void writeConcurrently(WriteBehindQueue queue, History history) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Thread> writers = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Object target = new Object();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < WRITES / THREADS; i++) {
                        Row row = new Row(ThreadLocalRandom.current().nextInt(KEYS), thread * 1_000_000 + i);
                        queue.enqueue(target, row.key(), row, () -> {}, () -> history.cached(row));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            writer.start();
            writers.add(writer);
        }
        for (Thread writer : writers) {
            writer.join();
        }
        assertThat(failures).isEmpty();
    }

    /** What the cache and the sink saw, key by key, in order. */
    private static final class History {
        private final Map<Integer, Integer> cache = new ConcurrentHashMap<>();
        private final Map<Integer, Integer> sink = new ConcurrentHashMap<>();
        private final Map<Integer, List<Integer>> cacheOrder = new ConcurrentHashMap<>();
        private final Map<Integer, List<Integer>> sinkOrder = new ConcurrentHashMap<>();

        /** Runs as the cache update, atomically with the enqueue of its key. */
        void cached(Row row) {
            cache.put(row.key(), row.value());
            order(cacheOrder, row.key()).add(row.value());
        }

        void written(List<Object> values) {
            for (Object value : values) {
                Row row = (Row) value;
                sink.put(row.key(), row.value());
                order(sinkOrder, row.key()).add(row.value());
            }
        }

        Map<Integer, Integer> cacheValues() {
            return cache;
        }

        Map<Integer, Integer> sinkValues() {
            return sink;
        }

        List<Integer> cacheOrder(int key) {
            return order(cacheOrder, key);
        }

        List<Integer> sinkOrder(int key) {
            return order(sinkOrder, key);
        }

        private static List<Integer> order(Map<Integer, List<Integer>> orders, int key) {
            return orders.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>()));
        }
    }

    // ---- when a flush happens ----

    @Test
    void batchSizeStartsAFlushLongBeforeTheDelay() throws Exception {
        CountDownLatch written = new CountDownLatch(10);
        WriteBehindQueue queue = queue(LONG, 10, true, 0, null);

        for (int key = 0; key < 9; key++) {
            queue.enqueue(target, key, key, written::countDown, noCache());
        }
        assertThat(queue.pending()).isEqualTo(9);
        assertThat(written.getCount()).isEqualTo(10);

        queue.enqueue(target, 9, 9, written::countDown, noCache());

        assertThat(written.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void delayFlushesAWriteThatNeverFillsABatch() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        WriteBehindQueue queue = queue(Duration.ofMillis(20), 100, true, 0, null);

        queue.enqueue(target, "k", "v", written::countDown, noCache());

        assertThat(written.await(5, TimeUnit.SECONDS)).isTrue();
        queue.flush(); // waits for the worker to finish its bookkeeping
        assertThat(counters.writeBehindWrittenCount()).isEqualTo(1);
    }

    @Test
    void writesRunOnDaemonWorkersNamedLarderWriteBehind() throws Exception {
        AtomicReference<Thread> worker = new AtomicReference<>();
        CountDownLatch written = new CountDownLatch(1);
        WriteBehindQueue queue = queue(Duration.ZERO, 100, true, 0, null);

        queue.enqueue(
                target,
                "k",
                "v",
                () -> {
                    worker.set(Thread.currentThread());
                    written.countDown();
                },
                noCache());

        assertThat(written.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.get().getName()).startsWith("larder-write-behind-");
        assertThat(worker.get().isDaemon()).isTrue();
    }

    // ---- ordering ----

    @Test
    void laterValueWaitsForABackToBackFlushStillWritingTheEarlierOne() throws Exception {
        List<String> sink = new CopyOnWriteArrayList<>();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        WriteBehindQueue queue = queue(LONG, 1, true, 0, null);

        queue.enqueue(
                target,
                "k",
                "v1",
                () -> {
                    firstStarted.countDown();
                    releaseFirst.await();
                    sink.add("v1");
                },
                noCache());
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
        // batchSize 1: this starts a second flush on another worker while the first is still writing v1.
        queue.enqueue(target, "k", "v2", () -> sink.add("v2"), noCache());
        releaseFirst.countDown();
        queue.flush();

        assertThat(sink).containsExactly("v1", "v2");
    }

    @Test
    void uncoalescedWritesToOneKeyKeepTheirOrderAcrossManyFlushes() {
        List<Integer> sink = new CopyOnWriteArrayList<>();
        WriteBehindQueue queue = queue(LONG, 1, false, 0, null);

        for (int i = 0; i < 1_000; i++) {
            int value = i;
            queue.enqueue(target, "k", value, () -> sink.add(value), noCache());
        }
        queue.flush();

        assertThat(sink).hasSize(1_000).isSorted();
    }

    // ---- batches ----

    @Test
    void batchWriterGetsOneCallPerTargetWithItsValuesInOrder() {
        Object first = new Object();
        Object second = new Object();
        List<Map.Entry<Object, List<Object>>> calls = new CopyOnWriteArrayList<>();
        WriteBehindQueue queue = queue(LONG, 100, true, 0, (target, values) -> calls.add(Map.entry(target, values)));

        queue.enqueue(first, "a", "a1", () -> {}, noCache());
        queue.enqueue(second, "b", "b1", () -> {}, noCache());
        queue.enqueue(first, "c", "c1", () -> {}, noCache());
        queue.enqueue(second, "d", "d1", () -> {}, noCache());
        queue.flush();

        assertThat(calls)
                .containsExactly(Map.entry(first, List.of("a1", "c1")), Map.entry(second, List.of("b1", "d1")));
        assertThat(calls.get(0).getKey()).isSameAs(first);
        assertThat(counters.writeBehindWrittenCount()).isEqualTo(4);
        assertThat(counters.writeBehindBatches()).isEqualTo(2);
    }

    @Test
    void keyMovingToAnotherTargetStartsANewRoundOfGroups() {
        Object first = new Object();
        Object second = new Object();
        List<WriteBehindQueue.Attempt> batch = List.of(
                WriteBehindQueue.Attempt.of(first, "a", "a1"),
                WriteBehindQueue.Attempt.of(second, "a", "a2"),
                WriteBehindQueue.Attempt.of(first, "b", "b1"));

        List<List<WriteBehindQueue.Attempt>> calls = WriteBehindQueue.groupByTarget(batch);

        assertThat(calls)
                .extracting(group ->
                        group.stream().map(WriteBehindQueue.Attempt::value).toList())
                .containsExactly(List.of("a1"), List.of("a2"), List.of("b1"));
    }

    @Test
    void failedBatchRetriesEveryWriteItCarried() {
        List<Object> sink = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        WriteBehindQueue queue = queue(LONG, 100, true, 2, (target, values) -> {
            if (calls.incrementAndGet() <= 3) {
                throw new IOException("down"); // the batch, then each of its halves
            }
            sink.addAll(values);
        });

        queue.enqueue(target, "a", "a1", () -> {}, noCache());
        queue.enqueue(target, "b", "b1", () -> {}, noCache());
        queue.flush();

        assertThat(sink).containsExactlyInAnyOrder("a1", "b1");
        assertThat(counters.writeBehindRetriedCount()).isEqualTo(2);
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void failedBatchIsWrittenAgainInHalvesAtOnce() {
        List<Object> sink = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        WriteBehindQueue queue = queue(LONG, 100, true, 2, (target, values) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IOException("down");
            }
            sink.addAll(values);
        });

        queue.enqueue(target, "a", "a1", () -> {}, noCache());
        queue.enqueue(target, "b", "b1", () -> {}, noCache());
        queue.flush();

        assertThat(sink).containsExactly("a1", "b1");
        assertThat(calls.get()).isEqualTo(3);
        assertThat(counters.writeBehindRetriedCount()).isZero();
    }

    @Test
    void rowRejectedWhileOtherWritesLandIsDeadLetteredAfterMaxRetries() throws Exception {
        AtomicInteger badAttempts = new AtomicInteger();
        WriteBehindQueue queue = queue(Duration.ZERO, 100, true, 2, null);

        queue.enqueue(
                target,
                "bad",
                "v",
                () -> {
                    badAttempts.incrementAndGet();
                    throw new IOException("row rejected");
                },
                noCache());
        for (int i = 0; !firstDeadLetter.await(1, TimeUnit.MILLISECONDS); i++) {
            queue.enqueue(target, "good" + i, "v", () -> {}, noCache()); // traffic the store accepts
        }

        assertThat(deadLetters).singleElement().satisfies(failed -> {
            assertThat(failed.key()).isEqualTo("bad");
            assertThat(failed.attempts()).isEqualTo(badAttempts.get()).isGreaterThanOrEqualTo(3);
        });
    }

    // ---- failures ----

    @Test
    void writeThatKeepsFailingIsRetriedThenDeadLettered() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<Throwable> lastCause = new AtomicReference<>();
        WriteBehindQueue queue = queue(
                new WriteBehindSettings("users", Duration.ZERO, 100, true, 3, Duration.ofMillis(100), 1_000),
                null,
                FAST);

        queue.enqueue(
                target,
                "k",
                "v",
                () -> {
                    IOException cause = new IOException("down " + attempts.incrementAndGet());
                    lastCause.set(cause);
                    throw cause;
                },
                noCache());

        assertThat(firstDeadLetter.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(deadLetters).hasSize(1);
        FailedWrite failed = deadLetters.get(0);
        assertThat(failed.cache()).isEqualTo("users");
        assertThat(failed.key()).isEqualTo("k");
        assertThat(failed.value()).isEqualTo("v");
        assertThat(failed.attempts()).isEqualTo(attempts.get()).isGreaterThan(4);
        assertThat(failed.cause()).isSameAs(lastCause.get()).hasMessage("down " + attempts.get());
        assertThat(counters.writeBehindRetriedCount()).isEqualTo(attempts.get() - 1);
        assertThat(counters.writeBehindDeadLetteredCount()).isEqualTo(1);
        assertThat(queue.pending()).isZero();
    }

    @Test
    void newerWriteSupersedesTheRetryOfAFailedOne() throws Exception {
        List<String> sink = new CopyOnWriteArrayList<>();
        AtomicInteger firstAttempts = new AtomicInteger();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch secondEnqueued = new CountDownLatch(1);
        WriteBehindQueue queue = queue(Duration.ZERO, 100, true, 5, null);

        queue.enqueue(
                target,
                "k",
                "v1",
                () -> {
                    firstAttempts.incrementAndGet();
                    firstStarted.countDown();
                    secondEnqueued.await();
                    throw new IOException("down");
                },
                noCache());
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
        queue.enqueue(target, "k", "v2", () -> sink.add("v2"), noCache());
        secondEnqueued.countDown();
        queue.flush();

        assertThat(sink).containsExactly("v2");
        assertThat(firstAttempts.get()).isEqualTo(1);
        assertThat(counters.writeBehindRetriedCount()).isZero();
        assertThat(counters.writeBehindCoalescedCount()).isEqualTo(1);
        assertThat(deadLetters).isEmpty();
        assertThat(queue.pending()).isZero();
    }

    @Test
    void newerWriteCutsARetryBackoffShort() throws Exception {
        List<String> sink = new CopyOnWriteArrayList<>();
        CountDownLatch firstFailed = new CountDownLatch(1);
        RetryBackoff hourLong = new RetryBackoff(LONG, LONG);
        WriteBehindQueue queue = queue(Duration.ZERO, 100, true, 5, null, hourLong);

        queue.enqueue(
                target,
                "k",
                "v1",
                () -> {
                    firstFailed.countDown();
                    throw new IOException("down");
                },
                noCache());
        assertThat(firstFailed.await(5, TimeUnit.SECONDS)).isTrue();
        queue.enqueue(target, "k", "v2", () -> sink.add("v2"), noCache());
        queue.flush(); // would wait for the retry's backoff, up to an hour, if v2 did not supersede it

        assertThat(sink).containsExactly("v2");
        assertThat(deadLetters).isEmpty();
        assertThat(queue.pending()).isZero();
    }

    @Test
    void flushTerminatesWhenTheBodyAlwaysThrows() {
        WriteBehindQueue queue =
                queue(new WriteBehindSettings("users", LONG, 100, true, 5, Duration.ofMillis(100), 1_000), null, FAST);

        for (int key = 0; key < 3; key++) {
            queue.enqueue(
                    target,
                    key,
                    "v",
                    () -> {
                        throw new IllegalStateException("always");
                    },
                    noCache());
        }
        queue.flush();

        assertThat(deadLetters)
                .hasSize(3)
                .allSatisfy(failed -> assertThat(failed.attempts()).isGreaterThan(6));
        assertThat(queue.pending()).isZero();
    }

    @Test
    void flushRunsRetriesItselfWhenTheWorkersAreGone() {
        scheduler.close();
        AtomicInteger attempts = new AtomicInteger();
        WriteBehindQueue queue = queue(LONG, 100, true, 3, null);

        queue.enqueue(
                target,
                "k",
                "v",
                () -> {
                    if (attempts.incrementAndGet() < 3) {
                        throw new IOException("down");
                    }
                },
                noCache());
        queue.flush();

        assertThat(attempts.get()).isEqualTo(3);
        assertThat(counters.writeBehindWrittenCount()).isEqualTo(1);
        assertThat(queue.pending()).isZero();
    }

    @Test
    void throwingDeadLetterHandlerIsLoggedAndTheQueueGoesOn() {
        List<String> sink = new CopyOnWriteArrayList<>();
        WriteBehindQueue queue = new WriteBehindQueue(
                new WriteBehindSettings("users", LONG, 100, true, 0),
                null,
                scheduler,
                () -> write -> {
                    throw new IllegalStateException("handler broken");
                },
                counters,
                FAST);

        queue.enqueue(
                target,
                "a",
                "a1",
                () -> {
                    throw new IOException("down");
                },
                noCache());
        queue.enqueue(target, "b", "b1", () -> sink.add("b1"), noCache());
        queue.flush();

        assertThat(sink).containsExactly("b1");
        assertThat(counters.writeBehindDeadLetteredCount()).isEqualTo(1);
        assertThat(queue.pending()).isZero();
    }

    @Test
    void failingCacheUpdateQueuesNothingAndReachesTheCaller() {
        WriteBehindQueue queue = queue(LONG, 100, true, 0, null);
        IllegalStateException broken = new IllegalStateException("cache broken");

        assertThatThrownBy(() -> queue.enqueue(target, "k", "v", () -> {}, () -> {
                    throw broken;
                }))
                .isSameAs(broken);
        assertThat(queue.pending()).isZero();
    }

    // ---- depth and close ----

    @Test
    void pendingWritesShowAsTheCachesQueueDepth() {
        WriteBehindQueue queue = queue(LONG, 100, true, 0, null);

        queue.enqueue(target, "a", "a1", () -> {}, noCache());
        queue.enqueue(target, "b", "b1", () -> {}, noCache());
        queue.enqueue(target, "a", "a2", () -> {}, noCache());

        assertThat(queue.pending()).isEqualTo(2);
        assertThat(counters.writeBehindDepth()).isEqualTo(2);
        queue.flush();
        assertThat(counters.writeBehindDepth()).isZero();
    }

    @Test
    void closeWritesEveryPendingWriteAndLaterWritesRunOnTheCallersThread() {
        List<String> sink = new CopyOnWriteArrayList<>();
        Map<String, String> cache = new ConcurrentHashMap<>();
        WriteBehindQueue queue = queue(LONG, 100, true, 0, null);
        for (int i = 0; i < 5; i++) {
            String value = "v" + i;
            queue.enqueue(target, "k" + i, value, () -> sink.add(value), () -> cache.put(value, value));
        }

        queue.close();

        assertThat(sink).containsExactly("v0", "v1", "v2", "v3", "v4");
        AtomicReference<Thread> writer = new AtomicReference<>();
        queue.enqueue(
                target,
                "k",
                "late",
                () -> {
                    writer.set(Thread.currentThread());
                    sink.add("late");
                },
                () -> cache.put("k", "late"));
        assertThat(writer.get()).isSameAs(Thread.currentThread());
        assertThat(sink).endsWith("late");
        assertThat(cache).containsEntry("k", "late");
        assertThat(queue.pending()).isZero();
    }

    @RepeatedTest(3)
    void closeRacingWithWritersLosesNoWrite() throws Exception {
        Map<Integer, Integer> sink = new ConcurrentHashMap<>();
        AtomicInteger sinkWrites = new AtomicInteger();
        WriteBehindQueue queue = queue(Duration.ofMillis(1), 50, false, 0, null);
        int perThread = 5_000;
        CountDownLatch halfway = new CountDownLatch(THREADS);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    int id = thread * perThread + i;
                    queue.enqueue(
                            target,
                            id,
                            id,
                            () -> {
                                sink.put(id, id);
                                sinkWrites.incrementAndGet();
                            },
                            noCache());
                    if (i == perThread / 2) {
                        halfway.countDown();
                    }
                }
            });
            writer.start();
            writers.add(writer);
        }

        assertThat(halfway.await(5, TimeUnit.SECONDS)).isTrue();
        queue.close();
        for (Thread writer : writers) {
            writer.join();
        }

        assertThat(sink).hasSize(THREADS * perThread);
        assertThat(sinkWrites.get()).isEqualTo(THREADS * perThread);
        assertThat(queue.pending()).isZero();
    }

    @Test
    void afterCloseABodyFailureGoesToTheDeadLettersNotToTheCaller() {
        Map<String, String> cache = new ConcurrentHashMap<>();
        WriteBehindQueue queue =
                queue(new WriteBehindSettings("users", LONG, 100, true, 0, Duration.ofMillis(50), 1_000), null, FAST);
        queue.close();
        IOException down = new IOException("down");

        queue.enqueue(
                target,
                "k",
                "v",
                () -> {
                    throw down;
                },
                () -> cache.put("k", "v"));

        assertThat(deadLetters)
                .singleElement()
                .satisfies(failed -> assertThat(failed.cause()).isSameAs(down));
        assertThat(queue.pending()).isZero();
    }

    // ---- settings ----

    @Test
    void settingsRejectOutOfRangeValuesNamingThem() {
        assertThatThrownBy(() -> new WriteBehindSettings("users", Duration.ofSeconds(-1), 1, true, 0))
                .hasMessageContaining("delay")
                .hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> new WriteBehindSettings("users", LONG, 0, true, 0))
                .hasMessageContaining("batchSize")
                .hasMessageContaining("is 0")
                .hasMessageContaining("allowed: 1");
        assertThatThrownBy(() -> new WriteBehindSettings("users", LONG, 1, true, -2))
                .hasMessageContaining("maxRetries")
                .hasMessageContaining("is -2")
                .hasMessageContaining("allowed: 0");
        assertThatThrownBy(() -> new WriteBehindSettings("users", LONG, 1, true, 0, Duration.ZERO, 1))
                .hasMessageContaining("maxAge")
                .hasMessageContaining("greater than 0");
        assertThatThrownBy(() -> new WriteBehindSettings("users", LONG, 1, true, 0, LONG, 0))
                .hasMessageContaining("maxPending")
                .hasMessageContaining("is 0");
    }

    @Test
    void backoffStaysWithinTheDoublingBoundAndTheCap() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(30));
        for (int i = 0; i < 1_000; i++) {
            assertThat(backoff.delayNanos(1))
                    .isBetween(0L, Duration.ofMillis(100).toNanos());
            assertThat(backoff.delayNanos(3))
                    .isBetween(0L, Duration.ofMillis(400).toNanos());
            assertThat(backoff.delayNanos(40))
                    .isBetween(0L, Duration.ofSeconds(30).toNanos());
        }
    }
}
