package dev.larder.internal.redis.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Three JVMs of four threads each read, write through and invalidate 32 keys for six seconds per backend and fault;
 * no caller sees an exception, and with Redis paused, killed, cut off from one JVM by a stalled connection or failed
 * over the history checker finds no read older than an update that completed before it began: none at all on {@code
 * redis}, none beyond the default staleness bound on {@code tiered}. The long form is {@code benchmarks/run}.
 *
 * <p>An update whose Redis call failed or was skipped without an injected fault (a timeout on a loaded machine, the
 * breaker it opened, a key kept from such a failure) counts as cut off, as an update in a fault does: it is kept and
 * replayed (see {@link HistoryChecker}).
 *
 * <p>A read that waited on another read of its own JVM (single-flight) counts as any other read: on {@code redis} a
 * caller takes only a value that Redis vouched for after it started (see {@code Vouched}).
 */
class HistoryTest {
    static final HistoryFleet.Settings SHORT = new HistoryFleet.Settings(3, 4, 32, 6_000, 1_000, 2_500, 2_000, 2_000);

    private static HistoryFleet fleet;

    @BeforeAll
    static void startFleet() throws Exception {
        fleet = new HistoryFleet(SHORT);
    }

    @AfterAll
    static void stopFleet() {
        fleet.close();
    }

    static Stream<Arguments> runs() {
        return Stream.of("redis", "tiered")
                .flatMap(backend -> List.of(Fault.PAUSE, Fault.KILL, Fault.STALL, Fault.FAILOVER).stream()
                        .map(fault -> Arguments.of(backend, fault)));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("runs")
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void noCallerSeesAnExceptionAndNoReadIsStaleBeyondTheBound(String backend, Fault fault) throws Exception {
        HistoryFleet.Outcome outcome = fleet.run(backend, fault);
        HistoryChecker.Verdict verdict = outcome.verdict();
        System.out.println(outcome.describe());
        assertThat(verdict.reads()).as("reads made").isGreaterThan(100);
        assertThat(verdict.writes() + verdict.invalidations())
                .as("updates made")
                .isGreaterThan(20);
        assertThat(verdict.staleVia())
                .as("stale reads that loaded from the store: the checker is wrong")
                .doesNotContainKey("load");
        assertThat(verdict.exceptions()).as(outcome.describe()).isZero();
        assertThat(verdict.stale()).as(outcome.describe()).isZero();
    }
}
