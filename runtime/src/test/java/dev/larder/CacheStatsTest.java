package dev.larder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CacheStatsTest {

    private static CacheStats stats(long counter, long gauge, int breaker) {
        return new CacheStats(
                "c", counter, counter, counter, counter, counter, counter, counter, counter, counter, counter, counter,
                gauge, counter, counter, counter, counter, counter, counter, gauge, counter, counter, counter, breaker,
                counter, List.of(), counter, gauge);
    }

    @Test
    void sinceSubtractsCountersAndKeepsTheCurrentGauges() {
        CacheStats delta = stats(10, 7, 1).since(stats(4, 3, 0));

        assertThat(delta.hits()).isEqualTo(6);
        assertThat(delta.backendNanos()).isEqualTo(6);
        assertThat(delta.writeBehindDeadLettered()).isEqualTo(6);
        assertThat(delta.writeBehindWaits()).isEqualTo(6);
        assertThat(delta.size()).isEqualTo(7);
        assertThat(delta.writeBehindDepth()).isEqualTo(7);
        assertThat(delta.breakerState()).isEqualTo(1);
        assertThat(delta.hitRatio()).isEqualTo(0.5);
    }
}
