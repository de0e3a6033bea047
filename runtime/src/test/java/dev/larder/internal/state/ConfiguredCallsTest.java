package dev.larder.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class whose handle is created in its static initialiser under a broken or surprising configuration: each call
 * reports the configuration error itself (never ExceptionInInitializerError or NoClassDefFoundError), an unknown
 * {@code larder.*} system property is only a warning, and invalidation by name warns about a cache nobody uses.
 */
class ConfiguredCallsTest {
    @TempDir
    Path dir;

    @Test
    void everyCallUnderABrokenConfigurationThrowsTheConfigurationException() throws Exception {
        String out = run("larder.local.maxSize", "abc");

        String error = "dev.larder.ConfigurationException: larder.local.maxSize = 'abc' is not allowed";
        assertThat(out)
                .contains("first threw " + error)
                .contains("second threw " + error)
                .doesNotContain("ExceptionInInitializerError")
                .doesNotContain("NoClassDefFoundError")
                .contains("after configure returned v42#1")
                .contains("after configure again returned v42#1");
    }

    @Test
    void unknownSystemPropertyIsAWarningAndIntegralKeysInvalidateByValue() throws Exception {
        String out = run("larder.version", "1.2");

        assertThat(out)
                .contains("first returned v42#1")
                .contains("second returned v42#1")
                .contains("larder.version")
                .doesNotContain("1.2'")
                .contains("no method in this JVM uses a cache named 'Items' (did you mean 'items'?)")
                .contains("caches [items]")
                // Larder.invalidate("items", 42) with an int reaches the entry of the long parameter 42
                .contains("after invalidate returned v42#2")
                .contains("loads 2");
    }

    private String run(String... properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ConfiguredCallsMain.class.getName()));
        command.addAll(List.of(properties));
        Path output = dir.resolve("out.txt");
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean finished = child.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished).as(text).isTrue();
        assertThat(child.exitValue()).as(text).isZero();
        return text;
    }
}
