package dev.larder.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
}
