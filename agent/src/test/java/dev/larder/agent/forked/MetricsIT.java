package dev.larder.agent.forked;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Micrometer is the application's, never in the agent's jar: a forked application with Micrometer on its class path,
 * or in a nested jar, gets a woven cache's meters, in the global registry and in a registry it gives to {@code
 * LarderMetrics}.
 */
class MetricsIT {
    @TempDir
    Path dir;

    @Test
    void aWovenCachesMetersReachTheApplicationsMicrometer() throws Exception {
        assertMetered(withMicrometer("dev.larder.it.agent.app.MetricsApp"));
    }

    /** A thread without a context class loader stands for the system class loader, where Micrometer is. */
    @Test
    void aCacheMadeOnAThreadWithoutAContextLoaderReachesTheGlobalRegistry() throws Exception {
        Forked.Result result = withMicrometer("dev.larder.it.agent.app.NullContextMetricsApp");
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).as(result.toString()).contains("null context global 1 misses");
    }

    /**
     * Micrometer in a nested jar, which Spring Boot's launcher loads below the system class path where the agent's
     * runtime is: the caches' meters still reach the global registry and the given one.
     */
    @Test
    void aWovenCachesMetersReachMicrometerInANestedJar() throws Exception {
        List<Path> micrometer = new ArrayList<>();
        for (String jar : micrometerJars()) {
            micrometer.add(Path.of(jar));
        }
        Path app = FatJar.build(
                dir.resolve("metrics.jar"),
                "dev.larder.it.agent.app.MetricsApp",
                List.of(
                        "dev/larder/it/agent/app/MetricsApp.class",
                        "dev/larder/it/agent/app/MetricsApp$Prices.class",
                        "dev/larder/it/agent/app/MetricsApp$EarlyPrices.class"),
                micrometer);
        Forked.Result result = Forked.run(
                new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        Forked.agent(""),
                        "-jar",
                        app.toString()),
                dir);
        assertMetered(result);
    }

    /** Runs {@code main} with the agent, and Micrometer on the class path. */
    private Forked.Result withMicrometer(String main) throws Exception {
        List<String> classPath = new ArrayList<>();
        classPath.add(Forked.TEST_CLASSES.toString());
        classPath.addAll(micrometerJars());
        return Forked.run(
                Forked.java(List.of(Forked.agent("")), String.join(File.pathSeparator, classPath), main), dir);
    }

    /**
     * What {@code MetricsApp} counted: two calls of a cache in the global registry and in the given one, and in both
     * the cache first made on a thread of its own.
     */
    private static void assertMetered(Forked.Result result) {
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out())
                .as(result.toString())
                .contains("global 1 hits 2 misses")
                .contains("given 1 hits 2 misses")
                .contains("early global 1 misses, given 1");
        assertThat(result.err()).as(result.toString()).doesNotContain("warning", "Exception");
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
