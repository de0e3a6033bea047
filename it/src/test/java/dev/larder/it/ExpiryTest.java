package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.it.fixtures.Prices;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TTLs: entries expire after their time to live, not before; {@code 0} never expires; configuration wins. */
class ExpiryTest {
    /** The coarse clock may round by about a millisecond; a TTL is never cut short by more than this. */
    private static final Duration CLOCK_SLACK = Duration.ofMillis(20);

    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
    }

    @Test
    void entryExpiresAfterItsTtlAndNotBefore() {
        Prices prices = Fixtures.create(Prices.class);

        long loadedAt = System.nanoTime();
        assertThat(prices.current("tea")).isEqualTo("tea v1");
        prices.version(2);
        assertThat(prices.current("tea")).isEqualTo("tea v1");

        Eventually.returns("tea v2", () -> prices.current("tea"));
        Duration lived = Duration.ofNanos(System.nanoTime() - loadedAt);

        assertThat(lived).isGreaterThanOrEqualTo(Duration.ofMillis(300).minus(CLOCK_SLACK));
        assertThat(prices.runs()).isEqualTo(2);
    }

    @Test
    void isoDurationTtlExpires() {
        Prices prices = Fixtures.create(Prices.class);

        long loadedAt = System.nanoTime();
        prices.iso("tea");
        prices.version(2);

        Eventually.returns("tea v2", () -> prices.iso("tea"));
        assertThat(Duration.ofNanos(System.nanoTime() - loadedAt))
                .isGreaterThanOrEqualTo(Duration.ofMillis(300).minus(CLOCK_SLACK));
    }

    @Test
    void zeroTtlNeverExpires() {
        Prices prices = Fixtures.create(Prices.class);
        prices.forever("tea");
        prices.standard("tea");
        prices.current("tea");
        prices.version(2);

        // Once a 300 ms entry stored at the same moment has expired, the others are still there.
        Eventually.returns("tea v2", () -> prices.current("tea"));

        assertThat(prices.forever("tea")).isEqualTo("tea v1");
        assertThat(prices.standard("tea")).isEqualTo("tea v1");
    }

    @Test
    void perCacheConfiguredTtlWinsOverTheAnnotation() {
        LarderSetup.fresh(Map.of("larder.cache.Prices.forever.ttl", "300ms"));
        Prices prices = Fixtures.create(Prices.class);
        prices.forever("tea");
        prices.version(2);

        Eventually.returns("tea v2", () -> prices.forever("tea"));
    }

    @Test
    void reloadedValueIsCachedAgainForItsOwnTtl() {
        Prices prices = Fixtures.create(Prices.class);
        prices.current("tea");
        prices.version(2);
        Eventually.returns("tea v2", () -> prices.current("tea"));
        prices.version(3);

        assertThat(prices.current("tea")).isEqualTo("tea v2");
        assertThat(prices.runs()).isEqualTo(2);
    }
}
