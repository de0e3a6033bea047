package dev.larder.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartupRunTest {

    @Test
    void generatedApplicationRunsWovenWithTheAgentAndItsCachePlainWithoutAndHandWrittenWithCaffeine() throws Exception {
        StartupRun.Result result = StartupRun.run(20, 1, 1);

        assertThat(result.classes()).isEqualTo(20);
        assertThat(result.plainMillis()).isPositive();
        // Each run checks itself: with the agent the annotated classes are woven, without it they are not.
        assertThat(result.agentMillis()).isPositive();
        assertThat(result.cachedMillis()).isPositive();
        assertThat(result.caffeineMillis()).isPositive();
        // The sample checks itself too: woven in load-time mode, its database holding every write.
        assertThat(result.sample().compileTimeMillis()).isPositive();
        assertThat(result.sample().agentMillis()).isPositive();
        assertThat(result.sample().cachedMillis()).isPositive();
    }
}
