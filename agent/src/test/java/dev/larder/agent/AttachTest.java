package dev.larder.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttachTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aWrongCommandLineSaysWhatIsExpected() {
        for (List<String> args : List.<List<String>>of(List.of(), List.of("jvm-1"), List.of("1", "x=y", "more"))) {
            assertThat(run(args)).as(args.toString()).isEqualTo(2);
        }
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("attach: give the process id of a JVM, then the agent's options if any")
                .contains("usage: java -jar larder-agent.jar attach PID [OPTIONS]");
    }

    @Test
    void withoutItsJarTheAgentCannotBeAttached() {
        // The tests run the agent from its classes, not from its jar: there is nothing to attach.
        assertThat(run(List.of("1"))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("attach: could not attach the Larder agent to 1: java.io.IOException: the agent does not run"
                        + " from its jar");
    }

    private int run(List<String> args) {
        return Attach.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));
    }
}
