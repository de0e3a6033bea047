package dev.larder.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.weaver.Rules;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class AgentReportTest {
    /** Collects the agent's "Larder wove" records, as java.util.logging publishes them. */
    private static final class Woven extends Handler {
        final List<LogRecord> records = new CopyOnWriteArrayList<>();
        final CountDownLatch two = new CountDownLatch(2);

        @Override
        public void publish(LogRecord record) {
            if (record.getMessage().startsWith("Larder wove")) {
                records.add(record);
                two.countDown();
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    @Test
    @Timeout(10)
    void wovenClassesAreLoggedInOrderButNotOnTheThreadThatLoadsThem() throws InterruptedException {
        Logger logger = Logger.getLogger("dev.larder.agent"); // held: java.util.logging keeps loggers weakly
        Woven woven = new Woven();
        logger.addHandler(woven);
        try {
            AgentReport report = new AgentReport(Rules.none(), false, null);
            report.woven("app.A", List.of("value(String) cached in 'a' key {key}"));
            report.kept("app.B");

            assertThat(woven.two.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(woven.records)
                    .extracting(LogRecord::getMessage)
                    .containsExactly(
                            "Larder wove app.A: value(String) cached in 'a' key {key}",
                            "Larder wove app.B (kept woven from an earlier start)");
            // The first line starts the logging system: no class-loading thread waits for that.
            assertThat(woven.records)
                    .extracting(LogRecord::getLongThreadID)
                    .doesNotContain(Thread.currentThread().getId());
        } finally {
            logger.removeHandler(woven);
        }
    }
}
