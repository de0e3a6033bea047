package dev.larder.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LarderPropertiesTest {
    @TempDir
    Path classes;

    @Test
    void pomKeysWinOverTheResourceFileAndBothAreKept() throws Exception {
        Files.writeString(
                classes.resolve("larder.properties"),
                "redis.uri=redis://from-resources:6379\nlarder.local.maxSize=500\n",
                StandardCharsets.UTF_8);

        Map<String, String> merged = LarderProperties.write(
                classes, Map.of("larder.redis.uri", "redis://from-pom:6379", "cache.books.ttl", "30s"));

        assertThat(merged)
                .containsExactly(
                        Map.entry("larder.cache.books.ttl", "30s"),
                        Map.entry("larder.local.maxSize", "500"),
                        Map.entry("larder.redis.uri", "redis://from-pom:6379"));
        assertThat(Files.readAllLines(classes.resolve("larder.properties")))
                .filteredOn(line -> !line.startsWith("#"))
                .containsExactly(
                        "larder.cache.books.ttl=30s",
                        "larder.local.maxSize=500",
                        "larder.redis.uri=redis\\://from-pom\\:6379");
    }

    @Test
    void writingTheSameKeysTwiceGivesTheSameBytes() throws Exception {
        Map<String, String> pom = Map.of("larder.backend", "local", "larder.namespace", "shop");
        LarderProperties.write(classes, pom);
        byte[] first = Files.readAllBytes(classes.resolve("larder.properties"));

        LarderProperties.write(classes, pom);

        assertThat(Files.readAllBytes(classes.resolve("larder.properties"))).isEqualTo(first);
    }

    @Test
    void aMalformedValueIsRejectedNamingTheKeyAndNothingIsWritten() {
        assertThatThrownBy(() -> LarderProperties.write(classes, Map.of("larder.cache.books.ttl", "soon")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("larder.cache.books.ttl")
                .hasMessageContaining("soon");
        assertThat(classes.resolve("larder.properties")).doesNotExist();
    }
}
