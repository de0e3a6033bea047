package dev.larder.internal.handle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.model.CachedSpec;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * XFetch: with {@code beta > 0} a read may refresh before {@code at × ttl}, the earlier the slower the load, so a fleet
 * does not refresh a hot key at one instant. With {@code beta = 0} no read refreshes before {@code at × ttl}.
 */
class RefreshAheadHandleTest {
    private static final long SLOW_LOAD_NANOS = 20_000_000L;

    private static final CachedHandle FIXED = Handles.cached(
            CachedSpec.of("Test#fixed(int)", "xfetch-fixed", "{id}", "1h").withRefresh(0.9, 0));
    private static final CachedHandle XFETCH = Handles.cached(
            CachedSpec.of("Test#xfetch(int)", "xfetch-beta", "{id}", "1h").withRefresh(0.9, 1e6));

    private final AtomicInteger loads = new AtomicInteger();

    @BeforeEach
    void freshCaches() {
        Larder.configure(LarderConfig.defaults());
    }

    private Object read(CachedHandle handle) {
        Object key = handle.key(1);
        Object value = handle.get(key);
        if (value == CachedHandle.MISS) {
            value = handle.load(key, () -> {
                // A load that takes measurable time: XFetch scales the early-refresh window by it.
                LockSupport.parkNanos(SLOW_LOAD_NANOS);
                return "v" + loads.incrementAndGet();
            });
        }
        return value;
    }

    @Test
    void withoutBetaNoReadRefreshesBeforeTheFixedMoment() {
        read(FIXED);
        for (int i = 0; i < 10_000; i++) {
            assertThat(read(FIXED)).isEqualTo("v1");
        }
        assertThat(loads).hasValue(1);
        assertThat(Larder.stats("xfetch-fixed").refreshes()).isZero();
    }

    @Test
    void withBetaASlowLoadIsRefreshedEarlyAndTheCurrentValueIsServedMeanwhile() {
        read(XFETCH);
        // loadTime × beta = 20 ms × 10^6 = 5.5 h against 54 min to go: each read refreshes with probability about 0.85.
        for (int i = 0; i < 1_000 && Larder.stats("xfetch-beta").refreshes() == 0; i++) {
            assertThat(read(XFETCH)).isIn("v1", "v2");
            LockSupport.parkNanos(1_000_000L);
        }
        assertThat(Larder.stats("xfetch-beta").refreshes()).isPositive();
    }
}
