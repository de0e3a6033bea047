package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.it.fixtures.Inventory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @Invalidate}: after (the default) only on normal return; {@code before} even on throw; {@code all}. */
class InvalidationTest {
    private Inventory inventory;

    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
        inventory = Fixtures.create(Inventory.class);
        inventory.putSource("apple", "12");
        inventory.putSource("pear", "7");
        inventory.stock("apple");
        inventory.stock("pear");
    }

    @Test
    void invalidateRemovesTheKeyAfterTheMethodReturns() {
        inventory.discard("apple");

        assertThat(inventory.stock("apple")).isEqualTo("none");
        assertThat(inventory.stock("pear")).isEqualTo("7");
        assertThat(inventory.loads()).isEqualTo(3);
    }

    @Test
    void invalidateAfterDoesNothingWhenTheMethodThrows() {
        IllegalStateException failure = new IllegalStateException("write refused");
        inventory.failWrites(failure);

        assertThatThrownBy(() -> inventory.discard("apple")).isSameAs(failure);

        assertThat(inventory.stock("apple")).isEqualTo("12");
        assertThat(inventory.loads()).isEqualTo(2);
    }

    @Test
    void invalidateBeforeRemovesTheKeyEvenWhenTheMethodThrows() {
        IllegalStateException failure = new IllegalStateException("write refused");
        inventory.failWrites(failure);
        inventory.putSource("apple", "11");

        assertThatThrownBy(() -> inventory.discardFirst("apple")).isSameAs(failure);

        assertThat(inventory.stock("apple")).isEqualTo("11");
        assertThat(inventory.loads()).isEqualTo(3);
    }

    @Test
    void invalidateBeforeRemovesTheKeyWhenTheMethodReturns() {
        inventory.discardFirst("apple");

        assertThat(inventory.stock("apple")).isEqualTo("none");
    }

    @Test
    void invalidateCanUseTheResultAsKey() {
        inventory.putSource("pear-2", "1");
        inventory.stock("pear-2");

        assertThat(inventory.discardAny("pear")).isEqualTo("pear");

        assertThat(inventory.stock("pear")).isEqualTo("none");
        assertThat(inventory.stock("pear-2")).isEqualTo("1");
        assertThat(inventory.loads()).isEqualTo(4);
    }

    @Test
    void allRemovesEveryEntryOfTheCache() {
        inventory.price("apple");
        inventory.clear();
        inventory.putSource("apple", "1");
        inventory.putSource("pear", "2");

        assertThat(inventory.stock("apple")).isEqualTo("1");
        assertThat(inventory.stock("pear")).isEqualTo("2");
        assertThat(inventory.loads()).isEqualTo(4);
        inventory.price("apple");
        assertThat(inventory.priceLoads()).as("other caches are untouched").isEqualTo(1);
    }

    @Test
    void repeatedInvalidateRemovesFromEveryCacheNamed() {
        inventory.price("apple");
        inventory.price("pear");

        inventory.delist("apple");

        assertThat(inventory.stock("apple")).isEqualTo("none");
        assertThat(inventory.price("apple")).isEqualTo("price of apple at stock none");
        inventory.price("pear");
        assertThat(inventory.priceLoads()).isEqualTo(3);
        assertThat(inventory.loads()).isEqualTo(3);
    }

    @Test
    void invalidatingAnAbsentKeyIsHarmless() {
        inventory.discard("never-read");

        assertThat(inventory.stock("apple")).isEqualTo("12");
        assertThat(inventory.loads()).isEqualTo(2);
    }
}
