package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Larder;
import dev.larder.it.fixtures.Forms;
import dev.larder.it.fixtures.Hold;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code condition} (this call does not use the cache) and {@code unless} (this result is not stored), on every
 * annotation, in every mode.
 */
class ConditionTest {
    private static final int THREADS = 16;

    private Forms forms;

    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
        forms = Fixtures.create(Forms.class);
    }

    /** The trial's story: a lookup keyed by a null id on a "new" form stored one mutable object every user shared. */
    @Test
    void newFormsWithoutAnIdAreNeverSharedThroughTheCache() {
        Forms.Form mine = forms.form(null);
        mine.setTitle("my draft");

        Forms.Form yours = forms.form(null);

        assertThat(yours).isNotSameAs(mine);
        assertThat(yours.getTitle()).isEmpty();
        assertThat(forms.loads()).isEqualTo(2);
    }

    @Test
    void aDeclinedCallRunsTheMethodAndCountsNeitherHitNorMiss() {
        StatsDelta stats = StatsDelta.of("Forms.form");

        forms.form(null);
        forms.form(null);

        assertThat(stats.now().hits()).isZero();
        assertThat(stats.now().misses()).isZero();
        assertThat(stats.now().loads()).isZero();
    }

    @Test
    void callsTheConditionAcceptsAreCached() {
        forms.putSource("form-7", "Invoice");

        assertThat(forms.form(7L).getTitle()).isEqualTo("Invoice");
        assertThat(forms.form(7L).getTitle()).isEqualTo("Invoice");

        assertThat(forms.loads()).isEqualTo(1);
    }

    @Test
    void aResultUnlessHoldsForIsReturnedButNotStored() {
        forms.putSource("o1", "pending payment");

        assertThat(forms.status("o1")).isEqualTo("pending payment");
        assertThat(forms.status("o1")).isEqualTo("pending payment");
        assertThat(forms.loads()).isEqualTo(2);

        forms.putSource("o1", "shipped");
        assertThat(forms.status("o1")).isEqualTo("shipped");
        assertThat(forms.status("o1")).isEqualTo("shipped");
        assertThat(forms.loads()).isEqualTo(3);
    }

    @Test
    void unlessMayTakeTheParametersAndAPrimitiveResult() {
        forms.putSource("shelf", "12");

        assertThat(forms.count("shelf", 10)).isEqualTo(12);
        assertThat(forms.count("shelf", 10)).isEqualTo(12);
        assertThat(forms.loads()).isEqualTo(2);

        assertThat(forms.count("shelf", 20)).isEqualTo(12);
        assertThat(forms.count("shelf", 20)).isEqualTo(12);
        assertThat(forms.loads()).isEqualTo(3);
    }

    @Test
    void callersWaitingOnALoadUnlessHoldsForGetItsValueAndNothingIsStored() {
        forms.putSource("o2", "pending review");
        Hold hold = new Hold();
        forms.holdNextLoad(hold);
        StatsDelta stats = StatsDelta.of("Forms.status");

        List<Future<String>> callers = Concurrently.start(THREADS, () -> forms.status("o2"));
        hold.awaitEntered();
        Eventually.until(
                "every other caller to wait on the load", () -> stats.now().waits() == THREADS - 1);
        hold.release();

        assertThat(Concurrently.results(callers)).containsOnly("pending review");
        // Without a local tier a value that was not stored is never handed on: no message would tell this load of
        // another JVM's write made while the waiters waited, so they run the method, as for any load not stored.
        int expected = LarderSetup.keepsValuesLocally() ? 1 : THREADS;
        assertThat(forms.loads()).isEqualTo(expected);
        forms.status("o2");
        assertThat(forms.loads()).isEqualTo(expected + 1);
    }

    @Test
    void anExceptionFromUnlessReachesTheCallerAndNothingIsStored() {
        assertThatThrownBy(() -> forms.checked("boom"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot judge boom");
        assertThatThrownBy(() -> forms.checked("boom")).isInstanceOf(IllegalStateException.class);
        assertThat(forms.loads()).isEqualTo(2);

        assertThat(forms.checked("fine")).isEqualTo("fine");
        assertThat(forms.checked("fine")).isEqualTo("fine");
        assertThat(forms.loads()).isEqualTo(3);
    }

    @Test
    void aDeclinedWriteThroughWritesTheSourceButNotTheCache() {
        forms.update("o3", "shipped");
        assertThat(forms.status("o3")).isEqualTo("shipped");
        assertThat(forms.loads()).isZero();

        forms.update("o3", "draft return");

        assertThat(forms.sourceValue("o3")).isEqualTo("draft return");
        assertThat(forms.status("o3")).isEqualTo("shipped");
        assertThat(forms.loads()).isZero();
    }

    @Test
    void aDeclinedInvalidateRemovesNothing() {
        forms.putSource("o4", "shipped");
        forms.status("o4");
        forms.putSource("o4", "delivered");

        forms.touch("o4", false);
        assertThat(forms.status("o4")).isEqualTo("shipped");

        forms.touch("o4", true);
        assertThat(forms.status("o4")).isEqualTo("delivered");
        assertThat(forms.loads()).isEqualTo(2);
    }

    @Test
    void aDeclinedWriteBehindRunsNowInTheCallersThreadUncached() {
        forms.record("o5", "shipped", false);
        assertThat(forms.writerThreads())
                .as("written behind: not before the flush")
                .isEmpty();
        assertThat(forms.status("o5")).isEqualTo("shipped");

        forms.record("o6", "returned", true);

        assertThat(forms.writerThreads()).containsExactly(Thread.currentThread().getName());
        assertThat(forms.sourceValue("o6")).isEqualTo("returned");
        int loads = forms.loads();
        assertThat(forms.status("o6")).isEqualTo("returned");
        assertThat(forms.loads()).as("the urgent write stored nothing").isEqualTo(loads + 1);
        Larder.flush();
        assertThat(forms.sourceValue("o5")).isEqualTo("shipped");
    }
}
