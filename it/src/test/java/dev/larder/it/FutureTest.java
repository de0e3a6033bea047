package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.it.fixtures.Quotes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code CompletableFuture}/{@code CompletionStage} results: shared in flight, removed when they fail. */
class FutureTest {
    private Quotes quotes;

    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
        quotes = Fixtures.create(Quotes.class);
    }

    @Test
    void concurrentCallersShareOneInFlightFuture() throws Exception {
        List<CompletableFuture<String>> futures = Concurrently.run(32, () -> quotes.quote("ACME"));

        assertThat(quotes.runs()).isEqualTo(1);
        assertThat(futures).noneMatch(CompletableFuture::isDone);
        quotes.pending("ACME").complete("42.00");
        for (CompletableFuture<String> future : futures) {
            assertThat(future.get(5, TimeUnit.SECONDS)).isEqualTo("42.00");
        }
    }

    @Test
    void completedFutureIsServedFromTheCache() throws Exception {
        quotes.quote("ACME");
        quotes.pending("ACME").complete("42.00");

        assertThat(quotes.quote("ACME").get(5, TimeUnit.SECONDS)).isEqualTo("42.00");
        assertThat(quotes.runs()).isEqualTo(1);
    }

    @Test
    void futureThatFailsIsRemoved() throws Exception {
        CompletableFuture<String> failing = quotes.quote("ACME");
        quotes.pending("ACME").completeExceptionally(new IllegalStateException("exchange closed"));
        assertThat(failing).isCompletedExceptionally();

        Eventually.until("the failed future to be removed", () -> {
            quotes.quote("ACME");
            return quotes.runs() == 2;
        });
        quotes.pending("ACME").complete("43.00");
        assertThat(quotes.quote("ACME").get(5, TimeUnit.SECONDS)).isEqualTo("43.00");
        assertThat(quotes.runs()).isEqualTo(2);
    }

    @Test
    void completionStageIsSharedAndRemovedOnFailureToo() throws Exception {
        List<CompletionStage<String>> stages = Concurrently.run(16, () -> quotes.stage("ACME"));
        assertThat(quotes.runs()).isEqualTo(1);

        quotes.pending("ACME").completeExceptionally(new IllegalStateException("exchange closed"));
        for (CompletionStage<String> stage : stages) {
            assertThat(stage.toCompletableFuture()).isCompletedExceptionally();
        }

        Eventually.until("the failed stage to be removed", () -> {
            quotes.stage("ACME");
            return quotes.runs() == 2;
        });
        quotes.pending("ACME").complete("44.00");
        assertThat(quotes.stage("ACME").toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isEqualTo("44.00");
    }
}
