package dev.larder.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class LookupCounterTest {
    @Test
    void countsEveryIncrementOfOneThread() {
        LookupCounter counter = new LookupCounter();
        for (int i = 0; i < 1_000; i++) {
            counter.increment();
        }

        assertThat(counter.sum()).isEqualTo(1_000);
    }

    @Test
    void losesNoIncrementWhenManyMoreThreadsThanSlotsCountAtOnce() throws Exception {
        LookupCounter counter = new LookupCounter();
        int threads = LookupCounter.slots(Runtime.getRuntime().availableProcessors()) * 3;
        int perThread = 20_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                await(start);
                for (int i = 0; i < perThread; i++) {
                    counter.increment();
                }
            });
            thread.start();
            started.add(thread);
        }
        for (Thread thread : started) {
            thread.join();
        }

        assertThat(counter.sum()).isEqualTo((long) threads * perThread);
    }

    @Test
    void keepsTheCountsOfEndedThreadsWhenNewThreadsTakeTheirSlots() throws Exception {
        LookupCounter counter = new LookupCounter();
        int generations = LookupCounter.slots(Runtime.getRuntime().availableProcessors()) * 4;
        for (int g = 0; g < generations; g++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 100; i++) {
                    counter.increment();
                }
            });
            thread.start();
            thread.join();
        }

        assertThat(counter.sum()).isEqualTo(generations * 100L);
    }

    @Test
    void aThreadWhoseFirstSlotALiveThreadHoldsStillCountsInASlotOfItsOwn() throws Exception {
        LookupCounter counter = new LookupCounter();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // A set-up thread that counted once and is still alive, as a benchmark's or a server's main thread may be.
        Thread holder = new Thread(() -> {
            counter.increment();
            holding.countDown();
            await(release);
        });
        holder.start();
        holding.await();
        try {
            Thread sameSlot = threadPickingTheSameSlotAs(holder, counter);
            sameSlot.start();
            sameSlot.join();

            assertThat(counter.sum()).isEqualTo(1 + 1_000);
            assertThat(counter.sharedCount())
                    .as("lookups counted through the shared adder")
                    .isZero();
        } finally {
            release.countDown();
            holder.join();
        }
    }

    /** A new, unstarted thread that counts 1,000 lookups and whose id picks the same first slot as {@code other}'s. */
    private static Thread threadPickingTheSameSlotAs(Thread other, LookupCounter counter) {
        for (int i = 0; i < 10_000; i++) {
            Thread candidate = new Thread(() -> {
                for (int n = 0; n < 1_000; n++) {
                    counter.increment();
                }
            });
            if (LookupCounter.slot(candidate.getId()) == LookupCounter.slot(other.getId())) {
                return candidate;
            }
        }
        throw new AssertionError("no thread id picks the same slot as " + other.getId());
    }

    @Test
    void slotsAreAPowerOfTwoOfAtLeastFourPerProcessor() {
        assertThat(LookupCounter.slots(1)).isEqualTo(4);
        assertThat(LookupCounter.slots(2)).isEqualTo(8);
        assertThat(LookupCounter.slots(3)).isEqualTo(16);
        assertThat(LookupCounter.slots(0)).isEqualTo(4);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
