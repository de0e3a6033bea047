package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.it.fixtures.Pricing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A type calling its own cached methods goes through the cache, unlike proxy-based caching. */
class SelfInvocationTest {
    private Pricing pricing;

    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
        pricing = Fixtures.create(Pricing.class);
    }

    @Test
    void selfCallsFromAPlainMethodAreCached() {
        assertThat(pricing.priceTwice("tea")).isEqualTo("tea costs 11 / tea costs 11");
        assertThat(pricing.priceRuns()).isEqualTo(1);
    }

    @Test
    void cachedMethodCallingAnotherCachedMethodUsesBothCaches() {
        pricing.price("tea");

        assertThat(pricing.total("tea", "milk")).isEqualTo("tea costs 11 + milk costs 12");
        assertThat(pricing.total("tea", "milk")).isEqualTo("tea costs 11 + milk costs 12");
        assertThat(pricing.priceRuns()).isEqualTo(2);
        assertThat(pricing.totalRuns()).isEqualTo(1);
    }

    @Test
    void concurrentNestedLoadsOfDifferentKeysComplete() {
        assertThat(Concurrently.run(16, i -> () -> pricing.total("a" + (i % 4), "b" + (i % 4))))
                .hasSize(16);
        assertThat(pricing.totalRuns()).isEqualTo(4);
        assertThat(pricing.priceRuns()).isEqualTo(8);
    }
}
