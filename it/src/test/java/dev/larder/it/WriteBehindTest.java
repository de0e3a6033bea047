package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.it.fixtures.Ledger;
import dev.larder.it.fixtures.Posting;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @WriteBehind}: the cache now, the system of record later, nothing lost on flush or clean shutdown. */
class WriteBehindTest {
    private static final int WRITES = 100_000;
    private static final int KEYS = 100;
    private static final int THREADS = 8;

    private Ledger ledger;

    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
        ledger = Fixtures.create(Ledger.class);
    }

    @Test
    void writeIsCachedAtOnceAndTheBodyRunsLater() {
        ledger.note("n1", "remember the milk");

        assertThat(ledger.noteBodies())
                .as("body runs only when flushed (delay 1h)")
                .isZero();
        assertThat(ledger.notes()).isEmpty();

        Larder.flush();

        assertThat(ledger.noteBodies()).isEqualTo(1);
        assertThat(ledger.notes()).containsEntry("n1", "remember the milk");
    }

    @Test
    void writtenValueIsReadFromTheCacheBeforeItIsFlushed() {
        Posting posting = new Posting("acct-1", 250);
        ledger.save(posting);

        assertThat(ledger.balance("acct-1")).isEqualTo(posting);
        assertThat(ledger.balanceLoads()).isZero();
    }

    @Test
    void writesToOneKeyBeforeAFlushCoalesceIntoTheLast() {
        ledger.note("n1", "first");
        ledger.note("n1", "second");
        ledger.note("n1", "third");

        Larder.flush();

        assertThat(ledger.noteBodies()).isEqualTo(1);
        assertThat(ledger.notes()).containsEntry("n1", "third");
    }

    @Test
    void withoutCoalescingEveryWriteRunsInOrder() {
        ledger.audit("a", "one");
        ledger.audit("a", "two");
        ledger.audit("b", "three");

        Larder.flush();

        assertThat(ledger.auditLines()).containsExactly("a: one", "a: two", "b: three");
    }

    @Test
    void batchMethodReplacesTheBodyAndIsCalledOncePerBatch() {
        for (int i = 0; i < 250; i++) {
            ledger.save(new Posting("acct-" + i, i));
        }

        Larder.flush();

        assertThat(ledger.balances()).hasSize(250);
        assertThat(ledger.saveBodies()).isZero();
        assertThat(ledger.batches()).isBetween(3, 250 / 10);
    }

    @Test
    void hundredThousandWritesFromEightThreadsReachTheSinkWithTheirLastValues() {
        int perThread = WRITES / THREADS;
        Map<String, Long> expected = new TreeMap<>();
        List<Map<String, Long>> lastWrites = Concurrently.run(THREADS, t -> () -> {
            // Thread t owns the keys k with k % THREADS == t, so the last value of each key is well defined.
            Map<String, Long> last = new TreeMap<>();
            for (int n = 0; n < perThread; n++) {
                int k = t + THREADS * (n % ownedKeys(t));
                String account = "acct-" + k;
                ledger.save(new Posting(account, n));
                last.put(account, (long) n);
            }
            return last;
        });
        lastWrites.forEach(expected::putAll);

        Larder.flush();

        assertThat(expected).hasSize(KEYS);
        Map<String, Long> sink = new TreeMap<>();
        ledger.balances().forEach((account, posting) -> sink.put(account, posting.amount()));
        assertThat(sink).isEqualTo(expected);
        expected.forEach(
                (account, amount) -> assertThat(ledger.balance(account)).isEqualTo(new Posting(account, amount)));
        assertThat(ledger.balanceLoads()).isZero();
        assertThat(ledger.batches()).as("sink calls for %d writes", WRITES).isLessThan(WRITES / 10);
    }

    @Test
    void cleanShutdownLosesNoPendingWrite() {
        // Fewer than batchSize (100) writes with a 1 h delay: nothing but the shutdown writes them.
        for (int i = 0; i < 60; i++) {
            ledger.note("n" + i, "text " + i);
            ledger.audit("a" + i, "line " + i);
        }
        assertThat(ledger.notes()).isEmpty();
        assertThat(ledger.auditLines()).isEmpty();

        Larder.shutdown();

        assertThat(ledger.notes()).hasSize(60).containsEntry("n59", "text 59");
        assertThat(ledger.auditLines()).hasSize(60).endsWith("a59: line 59");
    }

    @Test
    void failedWriteIsRetriedUntilItSucceeds() {
        ledger.failNextNotes(2);
        ledger.note("n1", "kept");

        Larder.flush();

        assertThat(ledger.notes()).containsEntry("n1", "kept");
        assertThat(ledger.noteBodies()).isEqualTo(3);
    }

    @Test
    void writeAfterShutdownTakesTheBatchMethodLikeAnyOther() {
        Larder.shutdown();

        ledger.save(new Posting("acct-late", 5));

        assertThat(ledger.saveBodies()).isZero();
        assertThat(ledger.batches()).isEqualTo(1);
        assertThat(ledger.balances()).containsEntry("acct-late", new Posting("acct-late", 5));
    }

    @Test
    void failingWriteAfterShutdownIsRetriedInsteadOfThrown() {
        Larder.shutdown();
        ledger.failNextNotes(1);

        ledger.note("n1", "late");

        assertThat(ledger.notes()).containsEntry("n1", "late");
        assertThat(ledger.noteBodies()).isEqualTo(2);
    }

    private static int ownedKeys(int thread) {
        return (KEYS - thread + THREADS - 1) / THREADS;
    }
}
