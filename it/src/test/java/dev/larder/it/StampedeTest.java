package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.it.fixtures.Hold;
import dev.larder.it.fixtures.Inventory;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Single-flight: concurrent misses of one key run the method once; the others wait for its result. */
class StampedeTest {
    private static final int THREADS = 64;
    private static final int ROUNDS = 20;

    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
    }

    @Test
    void sixtyFourThreadsMissingOneColdKeyRunTheLoaderOnce() {
        Inventory inventory = Fixtures.create(Inventory.class);
        for (int round = 0; round < ROUNDS; round++) {
            String sku = "cold-" + round;
            inventory.putSource(sku, "level " + round);
            int loadsBefore = inventory.loads();

            List<String> results = Concurrently.run(THREADS, () -> inventory.stock(sku));

            assertThat(results).hasSize(THREADS).containsOnly("level " + round);
            assertThat(inventory.loads() - loadsBefore)
                    .as("loads in round %d", round)
                    .isEqualTo(1);
        }
    }

    @Test
    void callersArrivingDuringASlowLoadWaitForItInsteadOfLoading() {
        Inventory inventory = Fixtures.create(Inventory.class);
        inventory.putSource("slow", "42");
        Hold hold = new Hold();
        inventory.holdNextLoad(hold);
        StatsDelta stats = StatsDelta.of("stock");

        List<Future<String>> callers = Concurrently.start(THREADS, () -> inventory.stock("slow"));
        hold.awaitEntered();
        Eventually.until(
                "every other caller to wait on the load", () -> stats.now().waits() == THREADS - 1);
        hold.release();

        assertThat(Concurrently.results(callers)).containsOnly("42");
        assertThat(inventory.loads()).isEqualTo(1);
    }

    @Test
    void aSlowLoadOfOneKeyDoesNotHoldUpOtherKeys() {
        Inventory inventory = Fixtures.create(Inventory.class);
        inventory.putSource("slow", "1");
        inventory.putSource("fast", "2");
        Hold hold = new Hold();
        inventory.holdNextLoad(hold);

        Future<String> slow =
                Concurrently.start(1, () -> inventory.stock("slow")).get(0);
        hold.awaitEntered();

        assertThat(Concurrently.run(8, () -> inventory.stock("fast"))).containsOnly("2");
        assertThat(slow).isNotDone();
        hold.release();
        assertThat(Concurrently.result(slow)).isEqualTo("1");
    }

    @Test
    void manyThreadsOverManyKeysLoadEachKeyOnce() {
        Inventory inventory = Fixtures.create(Inventory.class);
        int keys = 100;
        for (int k = 0; k < keys; k++) {
            inventory.putSource("k" + k, "v" + k);
        }

        List<Boolean> correct = Concurrently.run(16, i -> () -> {
            boolean ok = true;
            for (int n = 0; n < 2_000; n++) {
                int k = (n * 31 + i * 7) % keys;
                ok &= inventory.stock("k" + k).equals("v" + k);
            }
            return ok;
        });

        assertThat(correct).containsOnly(true);
        assertThat(inventory.loads()).isEqualTo(keys);
    }
}
