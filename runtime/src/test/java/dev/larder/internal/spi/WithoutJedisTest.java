package dev.larder.internal.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.larder.Larder;
import dev.larder.annotation.Cached;
import dev.larder.model.CachedSpec;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime alone, without {@code larder-redis} (so without Jedis or Jackson), caches locally without looking for it,
 * and asking it for the Redis backend, or for copies of cached values with the default JSON codec, fails with a
 * {@code ConfigurationException} that names the artifact to add, never a {@code NoClassDefFoundError}.
 */
class WithoutJedisTest {

    @Test
    void localCachingNeedsNoJedisAndTheRedisBackendNamesTheMissingDependency(@TempDir Path dir) throws Exception {
        Path mainClasses = dir.resolve("main");
        copyClass(WithoutJedisMain.class, mainClasses);
        String classPath = String.join(
                File.pathSeparator,
                location(Larder.class),
                location(CachedSpec.class),
                location(Caffeine.class),
                location(Cached.class),
                mainClasses.toString());
        Path output = dir.resolve("out.txt");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-verbose:class",
                        "-cp",
                        classPath,
                        WithoutJedisMain.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        String text = String.join("\n", lines);

        assertThat(child.exitValue()).as(text).isZero();
        int local = lines.indexOf("local loads=1");
        assertThat(local).as(text).isNotNegative();
        List<String> loaded = lines.stream()
                .filter(line -> line.contains("[class,load] "))
                .map(line -> line.substring(line.indexOf("[class,load] ") + "[class,load] ".length()))
                .toList();
        assertThat(loaded)
                .as("classes of Jedis, Jackson or the Jedis and Jackson adapters loaded")
                .filteredOn(name -> name.startsWith("redis.clients")
                        || name.startsWith("com.fasterxml")
                        || name.startsWith("dev.larder.internal.redis.JedisOps")
                        || name.startsWith("dev.larder.internal.redis.JsonCodec"))
                .isEmpty();
        assertThat(lines.subList(0, local))
                .as("the Redis module looked for by a local cache")
                .filteredOn(line -> line.contains("[class,load] dev.larder.internal.spi.")
                        && !line.contains(WithoutJedisMain.class.getSimpleName()))
                .isEmpty();
        assertThat(lines)
                .as(text)
                .anyMatch(line -> line.startsWith("redis refused: ")
                        && line.contains("larder.backend")
                        && line.contains("a Redis backend needs dev.larder:larder-redis on the class path")
                        && line.contains("larder.backend=local"))
                .contains("local still loads=1")
                .anyMatch(line -> line.startsWith("copy refused: ")
                        && line.contains("larder.cache.squares.copy")
                        && line.contains("dev.larder:larder-redis")
                        && line.contains("Larder.codec(...)"));
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }

    private static void copyClass(Class<?> type, Path root) throws IOException {
        String resource = type.getName().replace('.', '/') + ".class";
        Path target = root.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
    }
}
