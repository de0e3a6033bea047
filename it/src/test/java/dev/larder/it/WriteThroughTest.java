package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.it.fixtures.Inventory;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @WriteThrough}: stores on normal return, leaves the cache untouched when the method throws. */
class WriteThroughTest {
    private Inventory inventory;

    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
        inventory = Fixtures.create(Inventory.class);
    }

    @Test
    void writtenValueIsServedWithoutLoading() {
        inventory.update("apple", "30");

        assertThat(inventory.stock("apple")).isEqualTo("30");
        assertThat(inventory.loads()).isZero();
    }

    @Test
    void writeReplacesACachedValue() {
        inventory.putSource("apple", "12");
        inventory.stock("apple");

        inventory.update("apple", "13");

        assertThat(inventory.stock("apple")).isEqualTo("13");
        assertThat(inventory.loads()).isEqualTo(1);
    }

    @Test
    void resultIsStoredWhenTheValueIsTheResult() {
        assertThat(inventory.restock("apple", 99)).isEqualTo("99");

        assertThat(inventory.stock("apple")).isEqualTo("99");
        assertThat(inventory.loads()).isZero();
    }

    @Test
    void cacheIsUntouchedWhenTheMethodThrows() {
        inventory.putSource("apple", "12");
        inventory.stock("apple");
        IllegalStateException failure = new IllegalStateException("write refused");
        inventory.failWrites(failure);

        assertThatThrownBy(() -> inventory.update("apple", "0")).isSameAs(failure);
        assertThatThrownBy(() -> inventory.update("pear", "0")).isSameAs(failure);

        assertThat(inventory.stock("apple")).isEqualTo("12");
        assertThat(inventory.stock("pear")).isEqualTo("none");
        assertThat(inventory.loads()).isEqualTo(2);
    }

    @Test
    void lastConcurrentWriteOfEachKeyIsTheOneCached() {
        List<Integer> done = Concurrently.run(8, i -> () -> {
            for (int n = 0; n < 1_000; n++) {
                inventory.update("own-" + i, String.valueOf(n));
            }
            return i;
        });

        for (int i : done) {
            assertThat(inventory.stock("own-" + i)).isEqualTo("999");
        }
        assertThat(inventory.loads()).isZero();
    }
}
