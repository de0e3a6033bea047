package dev.larder.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.LarderMetrics;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.model.CachedSpec;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** A registry the application gives, read as Prometheus reads it: the series a cache dashboard queries. */
class PrometheusScrapeTest {

    private static Object call(CachedHandle handle, int id) {
        Object key = handle.key(id);
        Object value = handle.get(key);
        return value == CachedHandle.MISS ? handle.load(key, () -> "v" + id) : value;
    }

    @Test
    void aScrapeShowsTheStandardCacheSeriesOfCachesBoundBeforeAndAfterTheRegistry() {
        // the global registry is off: only the registry given below may show the caches
        Larder.configure(LarderConfig.builder().set("larder.metrics", "none").build());
        CachedHandle before = Handles.cached(CachedSpec.of("Scrape#before(int)", "scrape-before", "{id}", ""));
        call(before, 1);
        call(before, 1);

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        LarderMetrics.bindTo(registry);
        LarderMetrics.bindTo(registry); // twice: no duplicate series, no error

        CachedHandle after = Handles.cached(CachedSpec.of("Scrape#after(int)", "scrape-after", "{id}", ""));
        call(after, 1);

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("cache_gets_total{cache=\"scrape-before\",cache_manager=\"larder\",result=\"hit\"} 1.0")
                .contains("cache_gets_total{cache=\"scrape-before\",cache_manager=\"larder\",result=\"miss\"} 1.0")
                .contains("cache_gets_total{cache=\"scrape-after\",cache_manager=\"larder\",result=\"miss\"} 1.0")
                .contains("cache_size{cache=\"scrape-before\",cache_manager=\"larder\"} 1.0")
                .contains("cache_load_total{cache=\"scrape-after\",cache_manager=\"larder\",result=\"success\"} 1.0")
                .contains("cache_puts_total{cache=\"scrape-before\",cache_manager=\"larder\"} 0.0")
                .contains("cache_evictions_total{cache=\"scrape-before\",cache_manager=\"larder\"} 0.0")
                .contains("cache_load_duration_seconds{cache=\"scrape-after\",cache_manager=\"larder\"}")
                .contains("larder_waits_total{cache=\"scrape-before\"} 0.0");
    }
}
