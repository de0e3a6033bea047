package dev.larder.internal.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.metrics.CacheCounters;
import dev.larder.model.ResultKind;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A load ends exactly once, whatever its caller does: a second ending throws, and one never ended is caught. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoadTest {
    private static final CachedMethod METHOD = new CachedMethod(
            "LoadTest#find(int)",
            ResultKind.VALUE,
            false,
            TimeUnit.MINUTES.toNanos(1),
            TimeUnit.SECONDS.toNanos(1),
            null);

    private final LocalTier tier = new LocalTier(new LocalCache("loads", 100, new CacheCounters("loads")));

    private Load begin(Object key) {
        Object begun = tier.begin(key, METHOD, false);
        assertThat(begun).isInstanceOf(Load.class);
        return (Load) begun;
    }

    @Test
    void aLoadCompletedTwiceThrowsAndKeepsItsFirstValue() {
        Load load = begin(1);
        load.complete("first");

        assertThatThrownBy(() -> load.complete("second")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> load.fail(new RuntimeException())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(load::abandon).isInstanceOf(IllegalStateException.class);
        assertThat(tier.local().get(1)).isNotNull();
        assertThat(tier.local().get(1).value()).isEqualTo("first");
    }

    @Test
    void aFailedLoadCannotBeCompletedAfterwards() {
        Load load = begin(2);
        load.fail(new IllegalArgumentException("boom"));

        assertThatThrownBy(() -> load.complete("late")).isInstanceOf(IllegalStateException.class);
        assertThat(tier.local().get(2)).as("nothing stored").isNull();
        assertThat(begin(2)).as("the key is free to load again").isNotNull();
    }

    @Test
    void aLoadThatIsNeverEndedIsReportedWhenCollected() {
        assertThat(Load.tracked()).as("assertions are enabled in tests").isTrue();
        long before = Load.leaks();
        leakOne();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (Load.leaks() == before && System.nanoTime() < deadline) {
            System.gc(); // the leak is found when the collector finds the load unreachable
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertThat(Load.leaks()).isGreaterThan(before);
    }

    /** Begins a load and drops it; its key stays registered, so it is abandoned afterwards by an invalidation. */
    private void leakOne() {
        begin("leaked-" + System.nanoTime());
        tier.local().dropAll(); // frees the key's single-flight, which references only the InFlight, not the load
    }
}
