package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.it.fixtures.Feed;
import dev.larder.it.fixtures.Hold;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @RefreshAhead}: a read of an entry older than {@code at × ttl} (here 0.25 × 2 s) returns the current value at
 * once and triggers one background reload of that key.
 */
class RefreshAheadTest {
    private Feed feed;
    private StatsDelta stats;

    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
        feed = Fixtures.create(Feed.class);
        stats = StatsDelta.of("Feed.headline");
    }

    @Test
    void dueReadServesTheCurrentValueAtOnceAndReloadsInTheBackgroundOnce() {
        assertThat(feed.headline("news")).isEqualTo("news v1");
        feed.version(2);
        Hold refresh = new Hold();
        feed.holdNextRun(refresh);

        Eventually.until("a read to start a refresh", () -> {
            assertThat(feed.headline("news")).isEqualTo("news v1");
            return refresh.isEntered();
        });
        // The refresh is held: every read answers at once with the current value, and none starts another.
        List<String> reads = Concurrently.run(32, () -> {
            long start = System.nanoTime();
            String value = null;
            for (int i = 0; i < 100; i++) {
                value = feed.headline("news");
            }
            return Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5 ? value : "slow";
        });
        assertThat(reads).containsOnly("news v1");
        assertThat(feed.runs()).isEqualTo(2);

        refresh.release();
        Eventually.returns("news v2", () -> feed.headline("news"));
        assertThat(feed.runs()).isEqualTo(2);
        assertThat(stats.now().refreshes()).isEqualTo(1);
    }

    @Test
    void eachDueKeyIsRefreshedExactlyOnce() {
        feed.headline("a");
        feed.headline("b");
        feed.version(2);

        Eventually.until(
                "both keys to be refreshed",
                () -> Concurrently.run(8, () -> feed.headline("a") + feed.headline("b")).stream()
                        .allMatch(both -> both.equals("a v2b v2")));

        assertThat(feed.runs()).isEqualTo(4);
        assertThat(stats.now().refreshes()).isEqualTo(2);
    }

    @Test
    void keysNobodyReadsAreNotRefreshed() {
        feed.headline("hot");
        feed.headline("cold");
        feed.version(2);

        Eventually.returns("hot v2", () -> feed.headline("hot"));

        assertThat(feed.runs()).isEqualTo(3);
    }

    @Test
    void failedRefreshKeepsServingTheCurrentValue() {
        feed.headline("news");
        feed.fail(new IllegalStateException("feed down"));

        Eventually.until("a refresh to fail", () -> {
            assertThat(feed.headline("news")).isEqualTo("news v1");
            return stats.now().refreshFailures() >= 1;
        });

        assertThat(feed.headline("news")).isEqualTo("news v1");
    }
}
