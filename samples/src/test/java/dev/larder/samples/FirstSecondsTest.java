package dev.larder.samples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FirstSecondsTest {

    @Test
    void sendsTheRateForTheDurationAndCountsEveryLookupThatQueriedTheDatabaseAsAMiss() throws Exception {
        CatalogueSeed seed = new CatalogueSeed(200, 10, 7);
        Workload workload = new Workload(seed, 1, 1, 1.1, 7);
        FirstSeconds traffic = new FirstSeconds(workload, 2, 400, 1_000, 250, 7);
        try (Database db = Database.create("first-seconds", seed, 4)) {
            FirstSeconds.Result result = traffic.measure(new CatalogQueries(db));

            assertThat(result.requests()).hasSize(4).containsOnly(100L);
            assertThat(result.total()).isEqualTo(400);
            assertThat(result.millis()).isEqualTo(1_000);
            // no cache: every lookup queries the database
            assertThat(result.answered()).containsOnly(0L);
            assertThat(result.hitRatioOfFirst(1_000)).isZero();
            assertThat(db.queries().reads()).isEqualTo(400);
        }
    }

    @Test
    void theHitRatioOfTheFirstMillisCountsTheIntervalsThatBeginInThem() {
        FirstSeconds.Result result = new FirstSeconds.Result(250, new long[] {10, 10, 20}, new long[] {0, 5, 20});

        assertThat(result.hitRatio(1)).isEqualTo(0.5);
        assertThat(result.hitRatioOfFirst(250)).isZero();
        assertThat(result.hitRatioOfFirst(500)).isEqualTo(0.25);
        assertThat(result.hitRatioOfFirst(750)).isEqualTo(0.625);
    }
}
