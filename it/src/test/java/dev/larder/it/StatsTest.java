package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.larder.CacheStats;
import dev.larder.Larder;
import dev.larder.it.fixtures.Hold;
import dev.larder.it.fixtures.Inventory;
import dev.larder.it.fixtures.Ledger;
import dev.larder.it.fixtures.Posting;
import dev.larder.it.fixtures.Remote;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code Larder.stats()}: what each cache counts. Counters are cumulative for the JVM: tests read deltas. */
class StatsTest {
    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
    }

    @Test
    void hitsMissesAndLoadsAreCounted() {
        Inventory inventory = Fixtures.create(Inventory.class);
        StatsDelta stats = StatsDelta.of("stock");

        inventory.stock("a");
        inventory.stock("a");
        inventory.stock("a");
        inventory.stock("b");

        CacheStats delta = stats.now();
        assertThat(delta.hits()).isEqualTo(2);
        assertThat(delta.misses()).isEqualTo(2);
        assertThat(delta.loads()).isEqualTo(2);
        assertThat(delta.loadFailures()).isZero();
        assertThat(delta.totalLoadNanos()).isPositive();
        assertThat(delta.size()).as("entries in the local tier").isEqualTo(LarderSetup.localSize(2));
    }

    @Test
    void failedLoadsAreCounted() {
        Remote remote = Fixtures.create(Remote.class);
        remote.fail(new IOException("down"));
        StatsDelta stats = StatsDelta.of("Remote.fetch");

        catchThrowable(() -> remote.fetch("/a"));

        CacheStats delta = stats.now();
        assertThat(delta.loads()).isEqualTo(1);
        assertThat(delta.loadFailures()).isEqualTo(1);
        assertThat(delta.size()).isZero();
    }

    @Test
    void waitsOnAnInFlightLoadAreCounted() {
        Inventory inventory = Fixtures.create(Inventory.class);
        Hold hold = new Hold();
        inventory.holdNextLoad(hold);
        StatsDelta stats = StatsDelta.of("stock");

        List<Future<String>> callers = Concurrently.start(64, () -> inventory.stock("hot"));
        hold.awaitEntered();
        Eventually.until("63 callers to wait", () -> stats.now().waits() == 63);
        hold.release();
        Concurrently.results(callers);

        CacheStats delta = stats.now();
        assertThat(delta.loads()).isEqualTo(1);
        assertThat(delta.misses()).isEqualTo(64);
        assertThat(delta.waits()).isEqualTo(63);
    }

    @Test
    void putsAndInvalidationsAreCounted() {
        Inventory inventory = Fixtures.create(Inventory.class);
        StatsDelta stats = StatsDelta.of("stock");

        inventory.update("a", "1");
        inventory.restock("b", 2);
        inventory.discard("a");
        inventory.clear();

        CacheStats delta = stats.now();
        assertThat(delta.puts()).isEqualTo(2);
        assertThat(delta.invalidations()).isEqualTo(2);
    }

    @Test
    void evictionsAreCountedWhenTheCacheIsFull() {
        LarderSetup.fresh(Map.of("larder.cache.stock.maxSize", "10"));
        Inventory inventory = Fixtures.create(Inventory.class);
        StatsDelta stats = StatsDelta.of("stock");

        for (int i = 0; i < 200; i++) {
            inventory.stock("k" + i);
        }

        if (LarderSetup.keepsValuesLocally()) {
            Eventually.until("190 evictions", () -> stats.now().evictions() >= 190);
            Eventually.until(
                    "the size to be back to 10", () -> Larder.stats("stock").size() <= 10);
        } else {
            // maxSize bounds the local tier; Redis holds every key, so nothing is evicted from this JVM.
            assertThat(stats.now().evictions()).isZero();
            assertThat(Larder.stats("stock").size()).isZero();
        }
        int loads = inventory.loads();
        for (int i = 0; i < 200; i++) {
            inventory.stock("k" + i);
        }
        if (LarderSetup.backend().equals("local")) {
            assertThat(inventory.loads() - loads).as("evicted keys load again").isGreaterThanOrEqualTo(190);
        } else {
            assertThat(inventory.loads() - loads)
                    .as("Redis still holds the keys")
                    .isZero();
        }
    }

    @Test
    void writeBehindQueueAndWritesAreCounted() {
        Ledger ledger = Fixtures.create(Ledger.class);
        StatsDelta stats = StatsDelta.of("balances");

        for (int i = 0; i < 1_000; i++) {
            ledger.save(new Posting("acct-" + (i % 10), i));
        }
        Larder.flush();

        CacheStats delta = stats.now();
        assertThat(delta.writeBehindQueued()).isEqualTo(1_000);
        assertThat(delta.writeBehindWritten() + delta.writeBehindCoalesced()).isEqualTo(1_000);
        assertThat(delta.writeBehindBatches()).isEqualTo(ledger.batches());
        assertThat(delta.writeBehindDepth()).isZero();
        assertThat(delta.puts()).isEqualTo(1_000);
    }

    @Test
    void statsOfAnUnusedCacheAreZero() {
        CacheStats stats = Larder.stats("never-used-" + System.nanoTime());

        assertThat(stats.hits() + stats.misses() + stats.loads() + stats.size()).isZero();
        assertThat(stats.hitRatio()).isZero();
    }

    @Test
    void hitRatioIsHitsOverReads() {
        Inventory inventory = Fixtures.create(Inventory.class);
        StatsDelta stats = StatsDelta.of("stock");
        inventory.stock("a");
        for (int i = 0; i < 3; i++) {
            inventory.stock("a");
        }

        assertThat(stats.now().hitRatio()).isEqualTo(0.75);
    }
}
