package dev.larder.agent.forked;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's and the runtime's lines reach an application's logging, also through a {@code java.util.logging}
 * manager that bridges to another framework, though the bootstrap loader defines the agent.
 */
class LoggingIT {
    @TempDir
    Path dir;

    @Test
    void aBridgingLogManagerGetsAndSilencesLardersLines() throws Exception {
        // An error of the agent's (a rule), and a warning of the runtime's once a woven class starts it (a system
        // property that is no key).
        Path rules = Files.writeString(
                dir.resolve("larder.rules"),
                "dev.larder.it.agent.plain.PriceClient#quote(java.lang.String) cached cache=q ttl=10m\n"
                        + "dev.larder.it.agent.plain.PriceClient#listing cached ttl=banana\n");
        List<String> jvm = List.of(
                "-Djava.util.logging.manager=dev.larder.it.agent.app.BridgingLogManager",
                "-Dlarder.nosuch.key=1",
                Forked.agent("rules=" + rules));
        Forked.Result shown =
                Forked.run(Forked.java(jvm, Forked.TEST_CLASSES.toString(), "dev.larder.it.agent.app.RedisApp"), dir);
        assertThat(shown.err())
                .as(shown.toString())
                .contains("BRIDGE SEVERE dev.larder.agent: ")
                .contains("BRIDGE WARNING dev.larder.config: Ignoring system property larder.nosuch.key")
                .doesNotContain("SEVERE: ", "WARNING: "); // java.util.logging's own console format
        List<String> muted = new java.util.ArrayList<>(jvm);
        muted.add(0, "-Dbridge.mute=true");
        Forked.Result silent =
                Forked.run(Forked.java(muted, Forked.TEST_CLASSES.toString(), "dev.larder.it.agent.app.RedisApp"), dir);
        assertThat(silent.err()).as(silent.toString()).doesNotContain("BRIDGE", "SEVERE", "WARNING");
    }
}
