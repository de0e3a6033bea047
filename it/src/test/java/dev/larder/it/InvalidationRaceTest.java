package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.it.fixtures.Hold;
import dev.larder.it.fixtures.Inventory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * After {@code @Invalidate} or {@code @WriteThrough} returns, no later read returns the old value, also when a load
 * that started before finishes after it. Each run holds a load after it read the old value, changes the source,
 * releases the load, and then reads.
 */
class InvalidationRaceTest {
    private static final int RUNS = 1_000;

    private final ExecutorService loader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "larder-it-loader");
        thread.setDaemon(true);
        return thread;
    });

    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
    }

    @AfterEach
    void stopLoader() {
        loader.shutdownNow();
    }

    @Test
    void invalidationWinsRaceAgainstSlowLoad() {
        // discard removes the source entry, then the cache key: later reads load "none".
        raceSlowLoadsAgainst("none", (inventory, sku) -> inventory.discard(sku));
    }

    @Test
    void invalidationBeforeWinsRaceAgainstSlowLoad() {
        raceSlowLoadsAgainst("none", (inventory, sku) -> inventory.discardFirst(sku));
    }

    @Test
    void writeThroughWinsRaceAgainstSlowLoad() {
        raceSlowLoadsAgainst("new", (inventory, sku) -> inventory.update(sku, "new"));
    }

    @Test
    void invalidateAllWinsRaceAgainstSlowLoad() {
        raceSlowLoadsAgainst("none", (inventory, sku) -> inventory.clear());
    }

    @Test
    void apiInvalidationWinsRaceAgainstSlowLoad() {
        raceSlowLoadsAgainst("new", (inventory, sku) -> {
            inventory.putSource(sku, "new");
            Larder.invalidate("stock", sku);
        });
    }

    private void raceSlowLoadsAgainst(String expected, BiConsumer<Inventory, String> change) {
        Inventory inventory = Fixtures.create(Inventory.class);
        for (int run = 0; run < RUNS; run++) {
            String sku = "sku-" + run;
            inventory.putSource(sku, "old");
            Hold hold = new Hold();
            inventory.holdNextLoad(hold);

            Future<String> slowLoad = loader.submit(() -> inventory.stock(sku));
            hold.awaitEntered(); // the load has read "old"
            change.accept(inventory, sku);
            hold.release();

            assertThat(Concurrently.result(slowLoad)).isIn("old", expected);
            assertThat(inventory.stock(sku))
                    .as("read after the change in run %d", run)
                    .isEqualTo(expected);
            assertThat(inventory.stock(sku))
                    .as("second read after the change in run %d", run)
                    .isEqualTo(expected);
        }
    }
}
