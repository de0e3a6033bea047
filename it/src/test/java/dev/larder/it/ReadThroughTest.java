package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.it.fixtures.Catalog;
import dev.larder.it.fixtures.Inventory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @Cached}: the first call for a key runs the method; later calls return the stored value. */
class ReadThroughTest {
    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
    }

    @Test
    void firstCallRunsTheMethodAndLaterCallsReturnTheStoredValue() {
        Inventory inventory = Fixtures.create(Inventory.class);
        inventory.putSource("apple", "12");

        assertThat(inventory.stock("apple")).isEqualTo("12");
        inventory.putSource("apple", "0");
        for (int i = 0; i < 100; i++) {
            assertThat(inventory.stock("apple")).isEqualTo("12");
        }
        assertThat(inventory.loads()).isEqualTo(1);
    }

    @Test
    void eachKeyIsLoadedOnce() {
        Inventory inventory = Fixtures.create(Inventory.class);
        for (int i = 0; i < 50; i++) {
            inventory.putSource("sku-" + i, String.valueOf(i));
        }

        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 50; i++) {
                assertThat(inventory.stock("sku-" + i)).isEqualTo(String.valueOf(i));
            }
        }
        assertThat(inventory.loads()).isEqualTo(50);
    }

    @Test
    void primitiveParametersAreKeysByValue() {
        Catalog catalog = Fixtures.create(Catalog.class);

        String first = catalog.describe(1000);
        catalog.edition("2nd");

        assertThat(catalog.describe(1000)).isEqualTo(first);
        assertThat(catalog.describe(1001)).endsWith("2nd");
        assertThat(catalog.describeRuns()).isEqualTo(2);
    }

    @Test
    void instancesOfOneTypeShareTheCacheOfEachMethod() {
        Inventory first = Fixtures.create(Inventory.class);
        Inventory second = Fixtures.create(Inventory.class);
        first.putSource("pear", "3");
        second.putSource("pear", "4");

        assertThat(first.stock("pear")).isEqualTo("3");
        assertThat(second.stock("pear")).isEqualTo("3");
        assertThat(second.loads()).isZero();
    }

    @Test
    void nullParametersAreKeysToo() {
        Inventory inventory = Fixtures.create(Inventory.class);

        assertThat(inventory.stock(null)).isEqualTo("none");
        assertThat(inventory.stock(null)).isEqualTo("none");
        assertThat(inventory.loads()).isEqualTo(1);
    }
}
