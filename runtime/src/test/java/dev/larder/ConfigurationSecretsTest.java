package dev.larder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.larder.internal.config.ConfigKeys;
import dev.larder.internal.config.ConfigSources;
import dev.larder.internal.config.RedisAddresses;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A Redis password never appears in a message, a log line or a configuration's text, whatever it contains. */
class ConfigurationSecretsTest {
    private static final String SECRET = "Zq9s3cr3t";

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "redis://app:" + SECRET + "@host:6379/0",
                "redis://app:" + SECRET + "/x@host:6379",
                "redis://app:a/" + SECRET + "@host",
                "redis://app:" + SECRET + "@b@host",
                "redis://app:a@" + SECRET + "@host:1/0",
                "redis://:" + SECRET + "/@host",
                "redis://" + SECRET + "@host",
                "redis://" + SECRET + "/a@b@host",
                "rediss://u:" + SECRET + ":x@host:6379/0",
                "redis://app:" + SECRET + "@host:notaport",
                "redis://app:" + SECRET + "@host/0?x=y",
                "http://app:" + SECRET + "@host:6379",
                "redis://app:" + SECRET + "@"
            })
    void passwordIsInNoMessageNoLogLineAndNoToString(String uri) throws IOException {
        List<String> seen = new ArrayList<>();
        try (LogCapture log = LogCapture.of("dev.larder")) {
            seen.add(RedisAddresses.maskPassword(uri));
            seen.add(ConfigKeys.shown(uri));
            seen.add(text(() -> LarderConfig.builder().set("redis.uri", uri).build()));
            seen.add(text(() -> LarderConfig.builder()
                    .setAll(Map.of("larder.redis.uri", uri))
                    .build()));
            Properties system = new Properties();
            system.setProperty("larder.redis.uri", uri);
            system.setProperty("larder.redis.urii", uri); // unknown key: a warning, which must not show the value
            seen.add(text(() -> LarderConfig.load(
                    Map.of("LARDER_REDIS_URI", uri, "LARDER_REDIS_URL", uri), system, loader(), Map.of())));
            file("larder.redis.uri=" + uri.replace(":", "\\:") + "\n");
            seen.add(text(() -> LarderConfig.load(Map.of(), new Properties(), loader(), Map.of())));
            seen.add(new ConfigurationException("larder.redis.uri", uri, "anything", "source " + uri).getMessage());
            seen.add(new ConfigurationException("larder.redis.uri", uri, "anything").value());
            seen.addAll(log.warnings());
        }
        assertThat(seen).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(SECRET));
    }

    @Test
    void maskedTextKeepsTheUserAndTheHost() {
        assertThat(RedisAddresses.maskPassword("redis://app:p/ss@host:6379/0"))
                .isEqualTo("redis://app:****@host:6379/0");
        assertThat(RedisAddresses.maskPassword("redis://app:p@ss@host")).isEqualTo("redis://app:****@host");
        assertThat(RedisAddresses.maskPassword("a redis://x:y@h, rediss://p@q@h2 b"))
                .isEqualTo("a redis://x:****@h, rediss://:****@h2 b");
    }

    /** The message of what {@code action} throws, or the text of the configuration it built. */
    private static String text(ThrowingSupplier action) {
        Throwable thrown = catchThrowable(() -> action.get());
        if (thrown != null) {
            return thrown.toString();
        }
        try {
            return action.get().toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private interface ThrowingSupplier {
        Object get() throws Exception;
    }

    private void file(String content) throws IOException {
        Path dir = temp.resolve("cp");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ConfigSources.FILE_NAME), content, StandardCharsets.UTF_8);
    }

    private ClassLoader loader() throws IOException {
        Path dir = temp.resolve("cp");
        Files.createDirectories(dir);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
    }
}
