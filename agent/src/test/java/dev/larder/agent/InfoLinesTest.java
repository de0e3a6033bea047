package dev.larder.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The INFO lines are held while the application's start-up weaves classes, so that the agent does not start the
 * logging system then; a summary or a quiet period logs them, and a JVM that ends first prints them instead.
 */
@Timeout(10)
class InfoLinesTest {
    /** Far longer than any test: lines held this long are never released by the timer within a test. */
    private static final long NEVER = 600_000;

    private final Logger logger = Logger.getLogger("dev.larder.agent"); // held: java.util.logging keeps loggers weakly
    private final Lines logged = new Lines();

    /** Collects the messages java.util.logging publishes for the agent. */
    private static final class Lines extends Handler {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final CountDownLatch first = new CountDownLatch(1);

        @Override
        public void publish(LogRecord record) {
            messages.add(record.getMessage());
            first.countDown();
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    @BeforeEach
    void listen() {
        logger.addHandler(logged);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(logged);
    }

    @Test
    void linesStillHeldAtShutdownAreHandedBackWithoutBeingLogged() {
        InfoLines lines = new InfoLines(NEVER, NEVER);
        lines.add("Larder wove app.A");
        lines.add("Larder wove app.B");

        assertThat(lines.atShutdown(5_000)).containsExactly("Larder wove app.A", "Larder wove app.B");
        assertThat(lines.atShutdown(5_000)).isEmpty();
        assertThat(logged.messages).isEmpty();
    }

    @Test
    void aSummaryLogsTheHeldLinesAtOnce() {
        InfoLines lines = new InfoLines(NEVER, NEVER);
        lines.add("Larder wove app.A");
        lines.add("Larder wove app.B");

        assertThat(lines.await(5_000)).isTrue();
        assertThat(logged.messages).containsExactly("Larder wove app.A", "Larder wove app.B");
        lines.add("Larder wove app.C"); // released: later lines are logged as they come
        assertThat(lines.await(5_000)).isTrue();
        assertThat(logged.messages).endsWith("Larder wove app.C");
        assertThat(lines.atShutdown(5_000)).isEmpty();
    }

    @Test
    void heldLinesAreLoggedAtOnceWhenTheAgentStartedTheLoggingSystemForAProblem() throws InterruptedException {
        InfoLines lines = new InfoLines(NEVER, NEVER);
        lines.add("Larder wove app.A");
        lines.release();

        assertThat(logged.first.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(logged.messages).containsExactly("Larder wove app.A");
    }

    @Test
    void heldLinesAreLoggedOnceNoClassLoadedForTheQuietPeriod() throws InterruptedException {
        InfoLines lines = new InfoLines(100, NEVER);
        lines.add("Larder wove app.A");

        assertThat(logged.first.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(logged.messages).containsExactly("Larder wove app.A");
    }

    @Test
    void heldLinesAreLoggedAfterTheLongestHoldWhateverTheWeaving() throws InterruptedException {
        InfoLines lines = new InfoLines(NEVER, 100);
        lines.add("Larder wove app.A");

        assertThat(logged.first.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(logged.messages).containsExactly("Larder wove app.A");
    }
}
