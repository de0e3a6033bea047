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

    @Test
    void aReadingSeenInRedisRaisesTheFloorButBytesLarderDidNotWriteDoNot() {
        long ahead = HybridClock.micros() + 5; // as set by a JVM whose clock runs ahead
        HybridClock.observeMicros(ahead);
        assertThat(HybridClock.micros()).isGreaterThan(ahead);

        HybridClock.observeMicros(Long.MAX_VALUE); // what bytes that are not a number read as
        long next = HybridClock.micros();
        assertThat(next).isGreaterThan(ahead).isLessThan((System.currentTimeMillis() + 1_000) * 1000);
        assertThat(HybridClock.micros()).isGreaterThan(next);
    }
}
