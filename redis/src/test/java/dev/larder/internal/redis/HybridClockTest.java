package dev.larder.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The floor of the counters kept in Redis: a tag clock lost after several invalidations within one millisecond comes
 * back above all of their readings only if every floor this JVM took is above the ones before.
 */
class HybridClockTest {
    @Test
    void microsRiseWithEveryCallAndStartAtTheWallClock() {
        long wall = System.currentTimeMillis() * 1000;
        long last = HybridClock.micros();
        assertThat(last).isGreaterThanOrEqualTo(wall);
        for (int i = 0; i < 10_000; i++) { // many calls within one millisecond, and within one microsecond
            long next = HybridClock.micros();
            assertThat(next).isGreaterThan(last);
            last = next;
        }
        assertThat(last).isLessThan((System.currentTimeMillis() + 1_000) * 1000);
    }
}
