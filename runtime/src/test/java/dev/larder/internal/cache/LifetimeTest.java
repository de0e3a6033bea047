package dev.larder.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LongSummaryStatistics;
import org.junit.jupiter.api.Test;

class LifetimeTest {

    @Test
    void draw_staysWithinTheShortenedAndTheFullTtlAndSpreadsOverThem() {
        Lifetime lifetime = Lifetime.of(1_000_000, 0.1);
        LongSummaryStatistics draws = new LongSummaryStatistics();
        for (int i = 0; i < 10_000; i++) {
            draws.accept(lifetime.draw());
        }

        assertThat(draws.getMin()).isGreaterThanOrEqualTo(900_000);
        assertThat(draws.getMax()).isLessThanOrEqualTo(1_000_000);
        // 10,000 uniform draws: the extremes come within 1 % of the range's ends, the mean within 1 % of its middle
        assertThat(draws.getMin()).isLessThan(901_000);
        assertThat(draws.getMax()).isGreaterThan(999_000);
        assertThat(draws.getAverage()).isBetween(949_000.0, 951_000.0);
        assertThat(lifetime.shortest()).isEqualTo(900_000);
    }

    @Test
    void of_withoutJitterOrExpiry_drawsTheTtlItself() {
        assertThat(Lifetime.of(1_000_000, 0).draw()).isEqualTo(1_000_000);
        assertThat(Lifetime.of(Entry.NO_EXPIRY, 0.5).draw()).isEqualTo(Entry.NO_EXPIRY);
        assertThat(Lifetime.of(Entry.NO_EXPIRY, 0.5).shortest()).isEqualTo(Entry.NO_EXPIRY);
    }

    @Test
    void draw_ofAFullJitterNeverReachesZeroWhichWouldMeanNoExpiry() {
        Lifetime lifetime = Lifetime.of(3, 1.0);
        for (int i = 0; i < 1000; i++) {
            assertThat(lifetime.draw()).isBetween(1L, 3L);
        }
    }
}
