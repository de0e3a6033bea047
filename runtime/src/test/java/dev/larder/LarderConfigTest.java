package dev.larder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.LarderConfig.Backend;
import dev.larder.LarderConfig.Metrics;
import dev.larder.LarderConfig.Stampede;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LarderConfigTest {

    @Test
    void defaultsApplyToEveryKey() {
        LarderConfig config = LarderConfig.defaults();

        assertThat(config.backend()).isEqualTo(Backend.LOCAL);
        assertThat(config.namespace()).isEqualTo("larder");
        assertThat(config.localMaxSize()).isEqualTo(10_000);
        assertThat(config.redisUri()).isEqualTo(URI.create("redis://127.0.0.1:6379"));
        assertThat(config.redisCluster()).isEmpty();
        assertThat(config.redisSentinel()).isEmpty();
        assertThat(config.redisMaster()).isEmpty();
        assertThat(config.redisConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.redisTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.redisPoolSize()).isEqualTo(16);
        assertThat(config.stampede()).isEqualTo(Stampede.LOCAL);
        assertThat(config.writeBehindJournal()).isEqualTo("none");
        assertThat(config.metrics()).isEqualTo(Metrics.AUTO);
        assertThat(config.cacheTtl("Users.find")).isEmpty();
        assertThat(config.cacheMaxSize("Users.find")).isEmpty();
        assertThat(config.cacheBackend("Users.find")).isEmpty();
        assertThat(config.asMap()).isEmpty();
        assertThat(config.get("larder.backend")).isEmpty();
    }

    @Test
    void emptyBuilderBuildsTheDefaults() {
        assertThat(LarderConfig.builder().build()).isEqualTo(LarderConfig.defaults());
    }

    @Test
    void typedAccessorsReadEverySetKey() {
        LarderConfig config = LarderConfig.builder()
                .set("larder.backend", "tiered")
                .set("larder.namespace", "shop")
                .set("larder.local.maxSize", "500")
                .set("larder.redis.uri", "rediss://app:pw@cache.internal:6380/2")
                .set("larder.redis.sentinel", "s1:26379, s2:26379")
                .set("larder.redis.master", "mymaster")
                .set("larder.redis.connectTimeout", "PT5S")
                .set("larder.redis.timeout", "250ms")
                .set("larder.redis.poolSize", "32")
                .set("larder.stampede", "distributed")
                .set("larder.writeBehind.journal", "file:/var/lib/larder")
                .set("larder.metrics", "none")
                .build();

        assertThat(config.backend()).isEqualTo(Backend.TIERED);
        assertThat(config.namespace()).isEqualTo("shop");
        assertThat(config.localMaxSize()).isEqualTo(500);
        assertThat(config.redisUri()).isEqualTo(URI.create("rediss://app:pw@cache.internal:6380/2"));
        assertThat(config.redisSentinel()).containsExactly("s1:26379", "s2:26379");
        assertThat(config.redisMaster()).contains("mymaster");
        assertThat(config.redisConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.redisTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.redisPoolSize()).isEqualTo(32);
        assertThat(config.stampede()).isEqualTo(Stampede.DISTRIBUTED);
        assertThat(config.writeBehindJournal()).isEqualTo("file:/var/lib/larder");
        assertThat(config.metrics()).isEqualTo(Metrics.NONE);
    }

    @Test
    void clusterSeedsAreListedInOrder() {
        LarderConfig config = LarderConfig.builder()
                .set("redis.cluster", "n1:7000,n2:7001,n3:7002")
                .build();

        assertThat(config.redisCluster()).containsExactly("n1:7000", "n2:7001", "n3:7002");
    }

    @Test
    void choicesAreAcceptedInAnyCase() {
        LarderConfig config = LarderConfig.builder()
                .set("backend", "REDIS")
                .set("stampede", "Distributed")
                .set("metrics", "NONE")
                .build();

        assertThat(config.backend()).isEqualTo(Backend.REDIS);
        assertThat(config.stampede()).isEqualTo(Stampede.DISTRIBUTED);
        assertThat(config.metrics()).isEqualTo(Metrics.NONE);
    }

    @Test
    void keysWithoutPrefixMeanLarderKeys() {
        LarderConfig config = LarderConfig.builder()
                .set("redis.uri", "redis://other:6379")
                .set("cache.Users.find.ttl", "30s")
                .build();

        assertThat(config.asMap())
                .containsExactly(
                        Map.entry("larder.cache.Users.find.ttl", "30s"),
                        Map.entry("larder.redis.uri", "redis://other:6379"));
        assertThat(config.get("redis.uri")).contains("redis://other:6379");
        assertThat(config.get("larder.redis.uri")).contains("redis://other:6379");
    }

    @Test
    void valuesAreTrimmed() {
        LarderConfig config =
                LarderConfig.builder().set(" local.maxSize ", "  42 \t").build();

        assertThat(config.localMaxSize()).isEqualTo(42);
        assertThat(config.get("local.maxSize")).contains("42");
    }

    @Test
    void perCacheKeysAcceptDottedCacheNames() {
        LarderConfig config = LarderConfig.builder()
                .set("larder.cache.Catalog.find(int).ttl", "2h")
                .set("larder.cache.Catalog.find(int).maxSize", "100")
                .set("larder.cache.Catalog.find(int).backend", "redis")
                .set("larder.cache.Catalog.find(String).ttl", "0")
                .set("larder.cache.com.shop.Prices.ttl", "P1D")
                .build();

        assertThat(config.cacheTtl("Catalog.find(int)")).contains(Duration.ofHours(2));
        assertThat(config.cacheMaxSize("Catalog.find(int)")).isEqualTo(OptionalInt.of(100));
        assertThat(config.cacheBackend("Catalog.find(int)")).contains(Backend.REDIS);
        assertThat(config.cacheTtl("Catalog.find(String)")).contains(Duration.ZERO);
        assertThat(config.cacheMaxSize("Catalog.find(String)")).isEmpty();
        assertThat(config.cacheTtl("com.shop.Prices")).contains(Duration.ofDays(1));
        assertThat(config.cacheTtl("Catalog.find")).isEmpty();
        assertThat(config.cacheTtl("catalog.find(int)")).isEmpty();
    }

    @Test
    void cacheNamedLikeASuffixIsStillACacheName() {
        LarderConfig config = LarderConfig.builder().set("cache.ttl.ttl", "5s").build();

        assertThat(config.cacheTtl("ttl")).contains(Duration.ofSeconds(5));
    }

    @Test
    void laterSetWinsInTheBuilder() {
        LarderConfig config = LarderConfig.builder()
                .set("larder.backend", "redis")
                .set("backend", "tiered")
                .build();

        assertThat(config.backend()).isEqualTo(Backend.TIERED);
    }

    @Test
    void setAllSetsEveryEntry() {
        LarderConfig config = LarderConfig.builder()
                .setAll(Map.of("backend", "redis", "larder.redis.poolSize", "4"))
                .build();

        assertThat(config.asMap()).containsOnlyKeys("larder.backend", "larder.redis.poolSize");
    }

    @Test
    void overriddenByLetsOtherExplicitKeysWin() {
        LarderConfig base = LarderConfig.builder()
                .set("backend", "redis")
                .set("namespace", "base")
                .build();
        LarderConfig code = LarderConfig.builder()
                .set("namespace", "code")
                .set("metrics", "none")
                .build();

        LarderConfig merged = base.overriddenBy(code);

        assertThat(merged.backend()).isEqualTo(Backend.REDIS);
        assertThat(merged.namespace()).isEqualTo("code");
        assertThat(merged.metrics()).isEqualTo(Metrics.NONE);
        assertThat(base.namespace()).isEqualTo("base");
    }

    @Test
    void overriddenByDefaultsChangesNothing() {
        LarderConfig base = LarderConfig.builder().set("backend", "redis").build();

        assertThat(base.overriddenBy(LarderConfig.defaults())).isEqualTo(base);
    }

    @Test
    void equalWhenTheSameKeysAreSet() {
        LarderConfig one = LarderConfig.builder().set("backend", "redis").build();
        LarderConfig two =
                LarderConfig.builder().set("larder.backend", " redis ").build();
        LarderConfig three = LarderConfig.builder().set("backend", "local").build();

        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two).isNotEqualTo(three);
        // Setting a key to its default is still an explicit setting.
        assertThat(three).isNotEqualTo(LarderConfig.defaults());
    }

    @Test
    void asMapIsSortedAndUnmodifiable() {
        Map<String, String> map = LarderConfig.builder()
                .set("stampede", "local")
                .set("backend", "local")
                .build()
                .asMap();

        assertThat(map.keySet()).containsExactly("larder.backend", "larder.stampede");
        assertThatThrownBy(() -> map.put("larder.metrics", "none")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void builderChangesDoNotReachBuiltConfigs() {
        LarderConfig.Builder builder = LarderConfig.builder().set("backend", "redis");
        LarderConfig built = builder.build();

        builder.set("backend", "tiered");

        assertThat(built.backend()).isEqualTo(Backend.REDIS);
        assertThat(builder.build().backend()).isEqualTo(Backend.TIERED);
    }

    @Test
    void toStringMasksTheRedisPassword() {
        LarderConfig config = LarderConfig.builder()
                .set("redis.uri", "redis://app:s3cret@cache:6379/1")
                .set("backend", "redis")
                .build();

        assertThat(config.toString())
                .isEqualTo("LarderConfig{larder.backend=redis, larder.redis.uri=redis://app:****@cache:6379/1}")
                .doesNotContain("s3cret");
        assertThat(config.get("redis.uri")).isEqualTo(Optional.of("redis://app:s3cret@cache:6379/1"));
        assertThat(config.redisUri().getUserInfo()).isEqualTo("app:s3cret");
    }
}
