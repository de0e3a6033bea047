package dev.larder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.LarderConfig.Backend;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading configuration from files, environment and system properties. Each test hands in its own environment map,
 * system properties and a class loader over its own temporary directories, so no real environment, system property
 * or {@code larder.properties} on the test classpath is involved.
 */
class LarderConfigSourcesTest {
    @TempDir
    Path temp;

    private final List<URLClassLoader> loaders = new ArrayList<>();

    @AfterEach
    void closeLoaders() throws IOException {
        for (URLClassLoader loader : loaders) {
            loader.close();
        }
    }

    @Test
    void nothingSetAnywhereGivesTheDefaults() throws IOException {
        assertThat(load(Map.of(), new Properties(), Map.of())).isEqualTo(LarderConfig.defaults());
    }

    @Test
    void propertiesFileOnTheClasspathIsRead() throws IOException {
        file("app", "larder.backend = redis\nredis.poolSize=8\nlarder.cache.Catalog.find(int).ttl=2h\n");

        LarderConfig config = load(Map.of(), new Properties(), Map.of());

        assertThat(config.backend()).isEqualTo(Backend.REDIS);
        assertThat(config.redisPoolSize()).isEqualTo(8);
        assertThat(config.cacheTtl("Catalog.find(int)")).contains(Duration.ofHours(2));
    }

    @Test
    void severalPropertiesFilesMergeInClasspathOrder() throws IOException {
        file("first", "larder.backend=redis\nlarder.namespace=first\n");
        file("second", "larder.namespace=second\n");

        LarderConfig config = load(Map.of(), new Properties(), Map.of());

        assertThat(config.backend()).isEqualTo(Backend.REDIS);
        assertThat(config.namespace()).isEqualTo("second");
    }

    @Test
    void precedenceIsFileThenEnvironmentThenSystemPropertiesThenOverridesThenCode() throws IOException {
        file(
                "app",
                "larder.namespace=file\nlarder.redis.poolSize=1\nlarder.local.maxSize=1\nlarder.metrics=none\n"
                        + "larder.redis.timeout=1s\n");
        Map<String, String> environment = Map.of(
                "LARDER_REDIS_POOLSIZE", "2",
                "LARDER_LOCAL_MAXSIZE", "2",
                "LARDER_METRICS", "auto",
                "LARDER_REDIS_TIMEOUT", "2s");
        Properties system = properties(Map.of(
                "larder.local.maxSize", "3",
                "larder.metrics", "none",
                "larder.redis.timeout", "3s"));
        Map<String, String> overrides = Map.of("metrics", "auto", "redis.timeout", "4s");

        LarderConfig loaded = load(environment, system, overrides);
        LarderConfig config = loaded.overriddenBy(
                LarderConfig.builder().set("redis.timeout", "5s").build());

        assertThat(config.namespace()).isEqualTo("file");
        assertThat(config.redisPoolSize()).isEqualTo(2);
        assertThat(config.localMaxSize()).isEqualTo(3);
        assertThat(config.metrics()).isEqualTo(LarderConfig.Metrics.AUTO);
        assertThat(loaded.redisTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.redisTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void environmentVariablesMapToGlobalKeys() throws IOException {
        Map<String, String> environment = Map.of(
                "LARDER_REDIS_URI", "redis://env-host:6379",
                "LARDER_LOCAL_MAXSIZE", "77",
                "LARDER_WRITEBEHIND_JOURNAL", "redis",
                "LARDER_REDIS_CONNECTTIMEOUT", "3s",
                "larder_backend", "tiered");

        LarderConfig config = load(environment, new Properties(), Map.of());

        assertThat(config.asMap())
                .containsOnly(
                        Map.entry("larder.redis.uri", "redis://env-host:6379"),
                        Map.entry("larder.local.maxSize", "77"),
                        Map.entry("larder.writeBehind.journal", "redis"),
                        Map.entry("larder.redis.connectTimeout", "3s"),
                        Map.entry("larder.backend", "tiered"));
    }

    @Test
    void unknownAndBlankEnvironmentVariablesAreIgnored() throws IOException {
        Map<String, String> environment = Map.of(
                "LARDER_HOME", "/opt/larder",
                "LARDER_CACHE_USERS_TTL", "5x",
                "LARDER_REDIS_CLUSTER", "  ",
                "PATH", "/usr/bin",
                "REDIS_URI", "redis://elsewhere");

        assertThat(load(environment, new Properties(), Map.of())).isEqualTo(LarderConfig.defaults());
    }

    @Test
    void malformedEnvironmentVariableNamesTheVariable() {
        assertThatThrownBy(() -> load(Map.of("LARDER_LOCAL_MAXSIZE", "lots"), new Properties(), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("larder.local.maxSize = 'lots' is not allowed: expected a whole number from 1 to 2147483647"
                        + " (from environment variable LARDER_LOCAL_MAXSIZE)");
    }

    @Test
    void malformedSystemPropertyNamesItsSource() {
        Properties system = properties(Map.of("larder.local.maxSize", "abc"));

        assertThatThrownBy(() -> load(Map.of(), system, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("larder.local.maxSize = 'abc' is not allowed: expected a whole number from 1 to 2147483647"
                        + " (from system property)");
    }

    @Test
    void malformedFileValueNamesTheFile() throws IOException {
        file("app", "larder.backend=disk\n");

        assertThatThrownBy(() -> load(Map.of(), new Properties(), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("larder.backend = 'disk' is not allowed: expected local, redis or tiered")
                .hasMessageContaining("(from larder.properties at file:")
                .hasMessageEndingWith("/app/larder.properties)");
    }

    @Test
    void malformedOverrideNamesItsSource() {
        assertThatThrownBy(() -> load(Map.of(), new Properties(), Map.of("stampede", "global")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageEndingWith("(from overrides)");
    }

    @Test
    void malformedValueFailsEvenWhenALaterSourceOverridesIt() throws IOException {
        file("app", "larder.local.maxSize=abc\n");
        Properties system = properties(Map.of("larder.local.maxSize", "5"));

        assertThatThrownBy(() -> load(Map.of(), system, Map.of())).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void unknownKeyInSystemPropertiesIsAWarningWithTheNearestKey() throws IOException {
        Properties system =
                properties(Map.of("larder.lcoal.maxSize", "5", "larder.version", "1.2", "larder.backend", "redis"));

        LarderConfig config;
        List<String> warnings;
        try (LogCapture log = LogCapture.of("dev.larder.config")) {
            config = load(Map.of(), system, Map.of());
            warnings = log.warnings();
        }

        assertThat(config.backend()).isEqualTo(Backend.REDIS);
        assertThat(config.asMap()).containsOnlyKeys("larder.backend");
        assertThat(warnings)
                .anySatisfy(line -> assertThat(line)
                        .contains("system property larder.lcoal.maxSize")
                        .contains("did you mean larder.local.maxSize?"))
                .anySatisfy(line -> assertThat(line).contains("system property larder.version"))
                .noneSatisfy(line -> assertThat(line).contains("1.2"));
    }

    @Test
    void unknownLarderEnvironmentVariableIsAWarningWithTheNearestVariable() throws IOException {
        List<String> warnings;
        LarderConfig config;
        try (LogCapture log = LogCapture.of("dev.larder.config")) {
            config = load(
                    Map.of("LARDER_REDIS_URL", "redis://x", "LARDER_BACKEND", "tiered"), new Properties(), Map.of());
            warnings = log.warnings();
        }

        assertThat(config.backend()).isEqualTo(Backend.TIERED);
        assertThat(warnings)
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .contains("environment variable LARDER_REDIS_URL")
                        .contains("did you mean LARDER_REDIS_URI?"));
    }

    @Test
    void malformedValueOfAKnownKeyInSystemPropertiesIsStillAnError() {
        Properties system = properties(Map.of("larder.local.maxSize", "abc"));

        assertThatThrownBy(() -> load(Map.of(), system, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageEndingWith("(from system property)");
    }

    @Test
    void unknownKeyInPropertiesFileIsAnError() throws IOException {
        file("app", "larder.redis.url=redis://x\n");

        assertThatThrownBy(() -> load(Map.of(), new Properties(), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("larder.redis.url = 'redis://x' is not allowed: unknown key");
    }

    @Test
    void unknownKeyInOverridesIsAnError() {
        assertThatThrownBy(() -> load(Map.of(), new Properties(), Map.of("redis.url", "redis://x")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("larder.redis.url = 'redis://x' is not allowed: unknown key");
    }

    @Test
    void systemPropertiesNotStartingWithLarderDotAreIgnored() throws IOException {
        Properties system = properties(Map.of(
                "larderit.redis.port", "not ours",
                "larder", "x",
                "LARDER.backend", "x",
                "java.version", "17",
                "user.dir", "/tmp"));

        assertThat(load(Map.of(), system, Map.of())).isEqualTo(LarderConfig.defaults());
    }

    @Test
    void sentinelSeedsAndMasterMayComeFromDifferentSources() throws IOException {
        file("app", "larder.redis.sentinel=s1:26379,s2:26379\n");

        LarderConfig config = load(Map.of("LARDER_REDIS_MASTER", "mymaster"), new Properties(), Map.of());

        assertThat(config.redisSentinel()).containsExactly("s1:26379", "s2:26379");
        assertThat(config.redisMaster()).contains("mymaster");
    }

    @Test
    void missingMasterNamesTheSourceOfTheSeeds() {
        Properties system = properties(Map.of("larder.redis.sentinel", "s1:26379"));

        assertThatThrownBy(() -> load(Map.of(), system, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("larder.redis.sentinel = 's1:26379' is not allowed")
                .hasMessageEndingWith("(from system property)");
    }

    private LarderConfig load(Map<String, String> environment, Properties system, Map<String, String> overrides)
            throws IOException {
        List<URL> urls = new ArrayList<>();
        try (var dirs = Files.list(temp)) {
            for (Path dir : dirs.sorted().toList()) {
                urls.add(dir.toUri().toURL());
            }
        }
        // No parent: only this test's directories are searched for larder.properties.
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), null);
        loaders.add(loader);
        return LarderConfig.load(environment, system, loader, overrides);
    }

    private Path file(String dirName, String content) throws IOException {
        Path dir = Files.createDirectories(temp.resolve(dirName));
        Files.writeString(dir.resolve("larder.properties"), content, StandardCharsets.UTF_8);
        return dir;
    }

    private static Properties properties(Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }
}
