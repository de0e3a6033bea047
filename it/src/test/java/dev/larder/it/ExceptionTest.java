package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.larder.it.fixtures.Hold;
import dev.larder.it.fixtures.Remote;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An exception thrown by a cached method reaches the caller unchanged, and nothing is stored. */
class ExceptionTest {
    private Remote remote;

    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
        remote = Fixtures.create(Remote.class);
    }

    @Test
    void checkedExceptionReachesTheCallerUnchanged() {
        IOException failure = new IOException("connection reset");
        remote.fail(failure);

        assertThat(catchThrowable(() -> remote.fetch("/a"))).isSameAs(failure);
    }

    @Test
    void uncheckedExceptionReachesTheCallerUnchanged() {
        IllegalStateException failure = new IllegalStateException("bad state");
        remote.fail(failure);

        assertThat(catchThrowable(() -> remote.fetch("/a"))).isSameAs(failure);
    }

    @Test
    void nothingIsStoredWhenTheMethodThrows() throws IOException {
        remote.fail(new IOException("down"));
        catchThrowable(() -> remote.fetch("/a"));
        catchThrowable(() -> remote.fetch("/a"));
        assertThat(remote.runs()).isEqualTo(2);

        remote.fail(null);
        assertThat(remote.fetch("/a")).isEqualTo("content of /a");
        assertThat(remote.fetch("/a")).isEqualTo("content of /a");
        assertThat(remote.runs()).isEqualTo(3);
    }

    @Test
    void callersWaitingOnAFailedLoadGetItsException() throws IOException {
        Hold hold = new Hold();
        remote.holdNextFetch(hold);
        StatsDelta stats = StatsDelta.of("Remote.fetch");
        IOException failure = new IOException("timeout");
        remote.fail(failure);

        List<Future<String>> callers = Concurrently.start(16, () -> remote.fetch("/slow"));
        hold.awaitEntered();
        Eventually.until(
                "15 callers to wait on the held load", () -> stats.now().waits() == 15);
        hold.release();

        for (Future<String> caller : callers) {
            assertThat(Concurrently.failure(caller))
                    .isInstanceOf(IOException.class)
                    .hasMessage("timeout");
        }
        assertThat(remote.runs()).isEqualTo(1);

        remote.fail(null);
        assertThat(remote.fetch("/slow")).isEqualTo("content of /slow");
        assertThat(remote.runs()).isEqualTo(2);
    }
}
