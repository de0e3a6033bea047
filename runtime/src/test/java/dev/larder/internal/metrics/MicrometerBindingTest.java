package dev.larder.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.model.CachedSpec;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MicrometerBindingTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void addRegistry() {
        Metrics.addRegistry(registry);
        Larder.configure(LarderConfig.defaults());
    }

    @AfterEach
    void removeRegistry() {
        Metrics.removeRegistry(registry);
    }

    private static Object call(CachedHandle handle, int id) {
        Object key = handle.key(id);
        Object value = handle.get(key);
        return value == CachedHandle.MISS ? handle.load(key, () -> "v" + id) : value;
    }

    @Test
    void hitsMissesAndLoadsArePublishedAsLarderMetersTaggedWithTheCache() {
        CachedHandle handle = Handles.cached(CachedSpec.of("MetricsTest#find(int)", "metrics-test", "{id}", ""));
        call(handle, 1);
        call(handle, 1);
        call(handle, 1);

        FunctionCounter hits =
                registry.get("larder.hits").tag("cache", "metrics-test").functionCounter();
        FunctionCounter misses =
                registry.get("larder.misses").tag("cache", "metrics-test").functionCounter();
        FunctionTimer loads =
                registry.get("larder.loads").tag("cache", "metrics-test").functionTimer();
        assertThat(hits.count()).isEqualTo(2);
        assertThat(misses.count()).isEqualTo(1);
        assertThat(loads.count()).isEqualTo(1);
        assertThat(loads.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void theStandardCacheMetersCarryTheNamesAndTagsOfMicrometersCacheBinders() {
        CachedHandle handle = Handles.cached(CachedSpec.of("MetricsTest#standard(int)", "metrics-std", "{id}", ""));
        call(handle, 1);
        call(handle, 1);
        call(handle, 2);
        Larder.invalidate("metrics-std", 2);

        assertThat(standard("cache.gets").tag("result", "hit").functionCounter().count())
                .isEqualTo(1);
        assertThat(standard("cache.gets")
                        .tag("result", "miss")
                        .functionCounter()
                        .count())
                .isEqualTo(2);
        assertThat(standard("cache.load")
                        .tag("result", "success")
                        .functionCounter()
                        .count())
                .isEqualTo(2);
        assertThat(standard("cache.load")
                        .tag("result", "failure")
                        .functionCounter()
                        .count())
                .isZero();
        assertThat(standard("cache.size").gauge().value()).isEqualTo(1);
        assertThat(standard("cache.load.duration").timeGauge().value(TimeUnit.NANOSECONDS))
                .isPositive();
        assertThat(standard("cache.puts").functionCounter().count()).isZero();
        assertThat(standard("cache.evictions").functionCounter().count()).isZero();
    }

    private io.micrometer.core.instrument.search.RequiredSearch standard(String name) {
        return registry.get(name).tag("cache", "metrics-std").tag("cache.manager", "larder");
    }

    @Test
    void metricsNoneRegistersNoMeters() {
        Larder.configure(LarderConfig.builder().set("larder.metrics", "none").build());
        CachedHandle handle = Handles.cached(CachedSpec.of("MetricsTest#other(int)", "metrics-off", "{id}", ""));
        call(handle, 1);
        assertThat(registry.find("larder.hits").tag("cache", "metrics-off").meters())
                .isEmpty();
    }
}
