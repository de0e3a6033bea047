package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM's shutdown hook flushes pending write-behind writes when an application simply exits, and Larder's threads
 * (the Redis subscriber and timers included) never keep a JVM alive.
 */
class ShutdownHookTest {

    @Test
    void aJvmThatExitsNormallyWritesEveryPendingWriteBehindWrite(@TempDir Path dir) throws Exception {
        Path sink = dir.resolve("sink.txt");
        Path output = dir.resolve("jvm.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("-javaagent:")) {
                command.add(argument); // load-time mode: the child is woven like this JVM
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-D" + Fixtures.MODE_PROPERTY + "=" + Fixtures.mode().name().toLowerCase(Locale.ROOT));
        command.add("-Dlarderit.sink=" + sink);
        String backend = System.getProperty(LarderSetup.BACKEND_PROPERTY, "local");
        command.add("-Dlarder.backend=" + backend);
        if (!backend.equals("local")) {
            // The Redis client's threads must not keep the child alive, and the hook must not wait on Redis.
            command.add("-Dlarder.redis.uri=" + RedisForSuite.uri());
            command.add("-Dlarder.namespace=shutdown-hook");
        }
        command.add(ShutdownHookMain.class.getName());
        command.add("1000");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS))
                .as("child JVM finished on its own")
                .isTrue();
        assertThat(process.exitValue())
                .as("child JVM exit code; its output:%n%s", Files.readString(output))
                .isZero();

        Map<String, String> last = new HashMap<>();
        for (String line : Files.readAllLines(sink, StandardCharsets.UTF_8)) {
            String[] parts = line.split("=", 2);
            last.put(parts[0], parts[1]);
        }
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            expected.put("k" + (i % 50), "v" + i);
        }
        assertThat(last).isEqualTo(expected);
        assertThat(new File(sink.toString()).length()).isPositive();
    }
}
