package dev.larder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LarderConfigValidationTest {

    @Test
    void malformedMaxSizeNamesKeyValueAndAllowed() {
        assertThatThrownBy(() -> LarderConfig.builder().set("larder.local.maxSize", "abc"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("larder.local.maxSize = 'abc' is not allowed: expected a whole number from 1 to 2147483647")
                .satisfies(e -> {
                    ConfigurationException failure = (ConfigurationException) e;
                    assertThat(failure.key()).isEqualTo("larder.local.maxSize");
                    assertThat(failure.value()).isEqualTo("abc");
                });
    }

    @Test
    void configurationExceptionIsAnIllegalArgumentException() {
        assertThat(new ConfigurationException("larder.backend", "x", "expected local"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("larder.backend = 'x' is not allowed: expected local");
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "larder.backend | memcached | expected local, redis or tiered",
                "larder.backend | \"\" | expected local, redis or tiered",
                "larder.namespace | \"\" | expected a non-empty name without whitespace",
                "larder.namespace | my app | expected a non-empty name without whitespace",
                "larder.local.maxSize | 0 | expected a whole number from 1 to 2147483647",
                "larder.local.maxSize | -5 | expected a whole number from 1 to 2147483647",
                "larder.local.maxSize | +5 | expected a whole number from 1 to 2147483647",
                "larder.local.maxSize | 2147483648 | expected a whole number from 1 to 2147483647",
                "larder.local.maxSize | 1e3 | expected a whole number from 1 to 2147483647",
                "larder.redis.uri | http://localhost:6379 | expected redis://host[:port][/db] or rediss://",
                "larder.redis.uri | localhost:6379 | expected redis://host[:port][/db] or rediss://",
                "larder.redis.uri | redis://localhost/db1 | expected redis://host[:port][/db] or rediss://",
                "larder.redis.uri | redis://localhost:99999 | expected redis://host[:port][/db] or rediss://",
                "larder.redis.cluster | node1 | expected comma-separated host:port seeds",
                "larder.redis.cluster | node1:6379,,node2:6379 | expected comma-separated host:port seeds",
                "larder.redis.cluster | node1:0 | expected comma-separated host:port seeds",
                "larder.redis.sentinel | s1:65536 | expected comma-separated host:port seeds",
                "larder.redis.master | \"\" | expected a non-empty Sentinel master name",
                "larder.redis.connectTimeout | 0 | expected a duration greater than 0",
                "larder.redis.connectTimeout | 2 | expected a duration greater than 0",
                "larder.redis.timeout | 0ms | expected a duration greater than 0",
                "larder.redis.timeout | 1.5s | expected a duration greater than 0",
                "larder.redis.poolSize | 0 | expected a whole number from 1 to 2147483647",
                "larder.redis.poolSize | many | expected a whole number from 1 to 2147483647",
                "larder.redis.staleness | 0 | expected a duration of at least 100ms",
                "larder.redis.staleness | 99ms | expected a duration of at least 100ms",
                "larder.redis.staleness | soon | expected a duration of at least 100ms",
                "larder.stampede | global | expected local or distributed",
                "larder.writeBehind.journal | kafka | expected none, redis or file:<dir> with a non-empty directory",
                "larder.writeBehind.journal | file: | expected none, redis or file:<dir> with a non-empty directory",
                "larder.metrics | prometheus | expected auto or none",
                "larder.cache.Users.find.ttl | 5x | expected a whole number followed by ms, s, m, h or d",
                "larder.cache.Users.find.ttl | -1s | expected a whole number followed by ms, s, m, h or d",
                "larder.cache.Users.find.maxSize | 0 | expected a whole number from 1 to 2147483647",
                "larder.cache.Users.find.backend | disk | expected local, redis or tiered",
                "larder.local.sizeAdvisor | yes | expected true or false",
                "larder.cache.Users.find.sizeAdvisor | on | expected true or false"
            })
    void malformedValueNamesKeyValueAndAllowed(String key, String value, String allowed) {
        assertThatThrownBy(() -> LarderConfig.builder().set(key, value))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(key + " = '" + value + "' is not allowed: " + allowed);
    }

    @Test
    void malformedUriMessageMasksThePassword() {
        assertThatThrownBy(() -> LarderConfig.builder().set("redis.uri", "http://app:s3cret@cache:6379"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("larder.redis.uri = 'http://app:****@cache:6379' is not allowed")
                .hasMessageNotContaining("s3cret");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "larder.lcoal.maxSize",
                "larder.redis.url",
                "larder.redis.poolsize",
                "larder.cache",
                "larder.cache.Users.find",
                "larder.cache.Users.find.maxsize",
                "larder.cache..ttl",
                "larder.cache.ttl",
                "larder.",
                "lcoal.maxSize"
            })
    void unknownKeyIsAnErrorListingTheKeys(String key) {
        assertThatThrownBy(() -> LarderConfig.builder().set(key, "1"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is not allowed: unknown key")
                .hasMessageContaining("the keys are larder.backend, larder.namespace, larder.local.maxSize")
                .hasMessageEndingWith(
                        "larder.cache.<name>.ttl, larder.cache.<name>.maxSize, larder.cache.<name>.sizeAdvisor,"
                                + " larder.cache.<name>.backend, larder.cache.<name>.copy, larder.cache.<name>.ttlJitter,"
                                + " larder.cache.<name>.version, larder.cache.<name>.warm,"
                                + " larder.cache.<name>.writeBehind.maxAge, larder.cache.<name>.writeBehind.maxPending");
    }

    @Test
    void unknownKeySuggestsTheKeyItLooksLike() {
        assertThatThrownBy(() -> LarderConfig.builder().set("larder.lcoal.maxSize", "5"))
                .hasMessageStartingWith(
                        "larder.lcoal.maxSize = '5' is not allowed: unknown key (did you mean larder.local.maxSize?)");
        assertThatThrownBy(() -> LarderConfig.builder().set("larder.cache.Catalog.find(int).maxsize", "5"))
                .hasMessageContaining("(did you mean larder.cache.Catalog.find(int).maxSize?)");
    }

    @Test
    void sentinelWithoutMasterIsRejected() {
        assertBuildFails(
                LarderConfig.builder().set("redis.sentinel", "s1:26379"),
                "larder.redis.sentinel = 's1:26379' is not allowed: larder.redis.master must be set too");
    }

    @Test
    void masterWithoutSentinelIsRejected() {
        assertBuildFails(
                LarderConfig.builder().set("redis.master", "mymaster"),
                "larder.redis.master = 'mymaster' is not allowed: larder.redis.sentinel must be set too");
    }

    @Test
    void clusterTogetherWithSentinelIsRejected() {
        assertBuildFails(
                LarderConfig.builder()
                        .set("redis.cluster", "n1:7000")
                        .set("redis.sentinel", "s1:26379")
                        .set("redis.master", "mymaster"),
                "larder.redis.cluster = 'n1:7000' is not allowed: cannot be combined with larder.redis.sentinel");
    }

    @Test
    void overridingIntoClusterAndSentinelIsRejected() {
        LarderConfig sentinel = LarderConfig.builder()
                .set("redis.sentinel", "s1:26379")
                .set("redis.master", "mymaster")
                .build();
        LarderConfig cluster =
                LarderConfig.builder().set("redis.cluster", "n1:7000").build();

        ThrowingCallable merge = () -> sentinel.overriddenBy(cluster);

        assertThatThrownBy(merge)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cannot be combined with larder.redis.sentinel");
    }

    private static void assertBuildFails(LarderConfig.Builder builder, String messageStart) {
        assertThatThrownBy(builder::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(messageStart);
    }
}
