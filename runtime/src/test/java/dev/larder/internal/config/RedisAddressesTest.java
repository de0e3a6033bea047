package dev.larder.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedisAddressesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "redis://localhost",
                "redis://127.0.0.1:6379",
                "rediss://cache.internal:6380/3",
                "redis://:secret@localhost:6379",
                "redis://app:secret@localhost:6379/0",
                "REDIS://localhost/",
                "redis://[::1]:6379"
            })
    void acceptsRedisUris(String uri) {
        assertThat(RedisAddresses.isUri(uri)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "",
                "localhost:6379",
                "http://localhost:6379",
                "redis://",
                "redis:///0",
                "redis://localhost:0",
                "redis://localhost:70000",
                "redis://localhost/db0",
                "redis://localhost/0/1",
                "redis://localhost?timeout=5",
                "redis://local host",
                "redis://localhost#x"
            })
    void rejectsWhatIsNotARedisUri(String uri) {
        assertThat(RedisAddresses.isUri(uri)).isFalse();
    }

    @Test
    void seedsAreTrimmedAndKeptInOrder() {
        assertThat(RedisAddresses.seeds("node1:7000, node2:7001 ,[::1]:7002"))
                .containsExactly("node1:7000", "node2:7001", "[::1]:7002");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "node1", "node1:", ":7000", "node1:0", "node1:65536", "node1:70a", "a:1,", "a b:1"})
    void rejectsSeedsThatAreNotHostAndPort(String seeds) {
        assertThat(RedisAddresses.isSeedList(seeds)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> RedisAddresses.seeds(seeds));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "redis://app:secret@host:6379/0, redis://app:****@host:6379/0",
        "redis://:secret@host, redis://:****@host",
        "redis://secret@host, redis://:****@host",
        "rediss://a$b:p$w@host, rediss://a$b:****@host",
        "redis://host:6379, redis://host:6379",
        "none, none"
    })
    void masksPasswordsInUris(String text, String shown) {
        assertThat(RedisAddresses.maskPassword(text)).isEqualTo(shown);
    }
}
