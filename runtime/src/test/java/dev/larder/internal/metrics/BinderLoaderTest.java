package dev.larder.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * The binder as the agent's runtime gets it: defined apart, under the application's loader, and linked with the
 * Micrometer that loader sees.
 */
class BinderLoaderTest {
    @Test
    void definesTheBinderUnderTheApplicationsLoaderAndBindsThroughIt() {
        ClassLoader application = getClass().getClassLoader();
        MicrometerSupport.Binder binder = BinderLoader.binder(application);

        assertThat(binder).isNotNull();
        assertThat(binder.getClass()).isNotSameAs(MicrometerBinder.class);
        assertThat(binder.getClass().getName()).isEqualTo(MicrometerBinder.class.getName());
        assertThat(binder.getClass().getClassLoader().getParent()).isSameAs(application);

        CacheCounters counters = new CacheCounters("apart");
        counters.lookup();
        counters.lookup();
        counters.miss();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        binder.bind(registry, counters);
        assertThat(registry.get("cache.gets")
                        .tag("cache", "apart")
                        .tag("result", "hit")
                        .functionCounter()
                        .count())
                .isEqualTo(1.0);
        assertThat(binder.globalRegistry()).isSameAs(io.micrometer.core.instrument.Metrics.globalRegistry);
    }

    @Test
    void aLoaderThatSeesNeitherMicrometerNorTheRuntimeGivesNoBinder() throws Exception {
        try (URLClassLoader bootstrapOnly = new URLClassLoader(new URL[0], null)) {
            assertThat(BinderLoader.binder(bootstrapOnly)).isNull();
        }
    }
}
