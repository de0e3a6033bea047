package dev.larder.agent.forked;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent loads the runtime through the bootstrap class loader, which sees none of the application's libraries:
 * a forked application with Micrometer on its class path still gets a woven cache's meters, in the global registry
 * and in a registry it gives to {@code LarderMetrics}; and so does one whose agent jar was renamed, which loads the
 * runtime from the class path.
 */
class MetricsIT {
    @TempDir
    Path dir;

    @Test
    void meteredThroughTheApplicationsMicrometerWhileTheRuntimeLoadsFromTheBootstrapLoader() throws Exception {
        Forked.Result result = runMetricsApp(Forked.AGENT);
        assertThat(result.err()).as(result.toString()).doesNotContain("warning", "Exception");
        assertThat(result.out()).as(result.toString()).contains("runtime loader bootstrap");
    }

    /** The manifest names the jar by its built name: a renamed jar loads from the class path, and works the same. */
    @Test
    void aRenamedJarLoadsFromTheClassPathAndIsMeteredTheSame() throws Exception {
        Path renamed = Files.copy(Forked.AGENT, dir.resolve("larder-agent.jar"));
        Forked.Result result = runMetricsApp(renamed);
        assertThat(result.out()).as(result.toString()).contains("runtime loader app");
    }

    private Forked.Result runMetricsApp(Path agent) throws Exception {
        List<String> classPath = new ArrayList<>();
        classPath.add(Forked.TEST_CLASSES.toString());
        classPath.addAll(micrometerJars());
        Forked.Result result = Forked.run(
                Forked.java(
                        List.of("-javaagent:" + agent),
                        String.join(File.pathSeparator, classPath),
                        "dev.larder.it.agent.app.MetricsApp"),
                dir);
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out())
                .as(result.toString())
                .contains("global 1 hits 2 misses")
                .contains("given 1 hits 2 misses");
        return result;
    }

    /** Micrometer and what it needs, from the test class path. */
    private static List<String> micrometerJars() {
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String path = entry.replace('\\', '/');
            if (path.endsWith(".jar")
                    && (path.contains("/io/micrometer/")
                            || path.contains("/HdrHistogram/")
                            || path.contains("/LatencyUtils/"))) {
                jars.add(entry);
            }
        }
        assertThat(jars).as("Micrometer on the test class path").anyMatch(jar -> jar.contains("micrometer-core"));
        return jars;
    }
}
