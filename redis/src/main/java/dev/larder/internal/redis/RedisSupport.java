package dev.larder.internal.redis;

import dev.larder.Codec;
import dev.larder.ConfigurationException;
import dev.larder.LarderConfig;
import dev.larder.internal.cache.LocalCache;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Opens the Redis tier when a Redis backend is configured. Names no Jedis or Jackson type, so that it links without
 * them; it checks they are present first and fails with the dependency to add when they are not.
 */
public final class RedisSupport {
    private RedisSupport() {}

    /**
     * Opens the tier of a configuration that uses Redis for at least one cache.
     *
     * @param codec the codec set with {@code Larder.codec}, or null for the default JSON codec
     * @param localCaches the L1 caches of the configuration, by name (null when a cache has none yet)
     * @throws ConfigurationException when Jedis (or, for the default codec, Jackson) is not on the class path
     */
    public static RedisTier open(
            LarderConfig config,
            @Nullable Codec codec,
            Function<String, @Nullable LocalCache> localCaches,
            String backendKey,
            String backendValue) {
        require(
                "redis.clients.jedis.UnifiedJedis",
                backendKey,
                backendValue,
                "a Redis backend needs redis.clients:jedis (8.0 or later) on the class path; add that dependency, or use"
                        + " larder.backend=local");
        Codec effective = codec;
        if (effective == null) {
            require(
                    "com.fasterxml.jackson.databind.ObjectMapper",
                    backendKey,
                    backendValue,
                    "a Redis backend needs com.fasterxml.jackson.core:jackson-databind (2.x) on the class path for the"
                            + " default JSON codec,"
                            + " or another codec set with Larder.codec(...)");
            effective = new JsonCodec();
        }
        return new RedisTier(new JedisOps(config), config, effective, localCaches);
    }

    private static void require(String className, String key, String value, String what) {
        try {
            Class.forName(className, false, RedisSupport.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigurationException(key, value, what);
        }
    }
}
