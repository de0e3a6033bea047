package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.it.fixtures.Catalog;
import dev.larder.it.fixtures.Inventory;
import dev.larder.it.fixtures.Ledger;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runtime API: {@code configure}, {@code invalidate}, {@code invalidateAll}, {@code flush}, {@code shutdown}, {@code stats}. */
class LarderApiTest {
    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
    }

    @Test
    void configureStartsWithEmptyCachesAndKeepsStatistics() {
        Inventory inventory = Fixtures.create(Inventory.class);
        inventory.stock("a");
        long loads = Larder.stats("stock").loads();

        LarderSetup.fresh();

        inventory.stock("a");
        assertThat(inventory.loads()).isEqualTo(2);
        assertThat(Larder.stats("stock").loads()).isEqualTo(loads + 1);
    }

    @Test
    void invalidateRemovesOneKey() {
        Inventory inventory = Fixtures.create(Inventory.class);
        inventory.stock("a");
        inventory.stock("b");

        Larder.invalidate("stock", "a");

        inventory.stock("a");
        inventory.stock("b");
        assertThat(inventory.loads()).isEqualTo(3);
    }

    @Test
    void invalidateMatchesMultiPartDefaultKeys() {
        Catalog catalog = Fixtures.create(Catalog.class);
        catalog.find("shelf", 3);
        catalog.find("shelf", 4);

        Larder.invalidate("Catalog.find(String,int)", "shelf", 3);

        catalog.find("shelf", 3);
        catalog.find("shelf", 4);
        assertThat(catalog.findByShelfRuns()).isEqualTo(3);
    }

    @Test
    void invalidateMatchesKeysWithAnUnboxedFirstPart() {
        Catalog catalog = Fixtures.create(Catalog.class);
        catalog.at(3, "r");
        catalog.at(4, "r");
        catalog.near(3, "r");
        catalog.near(4, "r");

        Larder.invalidate("Catalog.at", 3, "r");
        Larder.invalidate("Catalog.near", 3L, "r");

        catalog.at(3, "r");
        catalog.at(4, "r");
        catalog.near(3, "r");
        catalog.near(4, "r");
        assertThat(catalog.atRuns()).isEqualTo(6);
    }

    @Test
    void invalidateAnnotationWithABoxedPartMatchesAnUnboxedKey() {
        Catalog catalog = Fixtures.create(Catalog.class);
        catalog.at(3, "r");
        catalog.at(4, "r");

        catalog.shelve(3, "r");

        catalog.at(3, "r");
        catalog.at(4, "r");
        assertThat(catalog.atRuns()).isEqualTo(3);
    }

    @Test
    void invalidateAllRemovesEveryKeyOfOneCache() {
        Inventory inventory = Fixtures.create(Inventory.class);
        inventory.stock("a");
        inventory.stock("b");
        inventory.price("a");

        Larder.invalidateAll("stock");

        inventory.stock("a");
        inventory.stock("b");
        inventory.price("a");
        assertThat(inventory.loads()).isEqualTo(4);
        assertThat(inventory.priceLoads()).isEqualTo(1);
    }

    @Test
    void invalidatingAnUnknownCacheIsHarmless() {
        Larder.invalidate("no-such-cache-" + System.nanoTime(), "x");
        Larder.invalidateAll("no-such-cache-" + System.nanoTime());
    }

    @Test
    void flushWritesEveryPendingWrite() {
        Ledger ledger = Fixtures.create(Ledger.class);
        for (int i = 0; i < 50; i++) {
            ledger.note("n" + i, "t" + i);
        }
        assertThat(ledger.notes())
                .as("a 1 h delay and a half-full batch: nothing written yet")
                .isEmpty();

        Larder.flush();

        assertThat(ledger.notes()).hasSize(50);
    }

    @Test
    void shutdownWritesPendingWritesAndMethodsKeepWorkingAfterIt() {
        Ledger ledger = Fixtures.create(Ledger.class);
        Inventory inventory = Fixtures.create(Inventory.class);
        inventory.stock("a");
        ledger.note("n1", "before");

        Larder.shutdown();

        assertThat(ledger.notes()).containsEntry("n1", "before");
        inventory.stock("a");
        inventory.stock("b");
        inventory.stock("b");
        assertThat(inventory.loads()).as("still caching after shutdown").isEqualTo(2);
        ledger.note("n2", "after");
        assertThat(ledger.notes()).as("written synchronously after shutdown").containsEntry("n2", "after");
    }

    @Test
    void statsListsEveryUsedCacheByName() {
        Inventory inventory = Fixtures.create(Inventory.class);
        inventory.stock("a");
        inventory.price("a");

        assertThat(Larder.stats()).containsKeys("stock", "prices");
        assertThat(Larder.stats().get("stock").cache()).isEqualTo("stock");
        assertThat(new ArrayList<>(Larder.stats().keySet()))
                .as("cache names in order")
                .isSorted();
    }

    @Test
    void cachesWorkWithDefaultMetricsWhenMicrometerIsAbsent() {
        LarderSetup.fresh(Map.of("larder.metrics", "auto"));
        String cache = "without-micrometer-" + System.nanoTime();

        assertThat(Larder.stats(cache).loads()).isZero();
        Larder.invalidateAll(cache);
    }
}
