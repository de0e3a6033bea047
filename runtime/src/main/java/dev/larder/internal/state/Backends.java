package dev.larder.internal.state;

import dev.larder.Codec;
import dev.larder.LarderConfig;
import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.config.ConfigKeys;
import dev.larder.internal.spi.RedisModule;
import dev.larder.internal.spi.RemoteTiers;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Which backend each cache of a configuration uses, and the Redis connection when any cache uses Redis. */
final class Backends {
    private Backends() {}

    /**
     * The Redis tiers when any cache uses Redis; {@code larder-redis} is never looked up otherwise.
     *
     * @throws dev.larder.ConfigurationException when Redis is asked for and {@code larder-redis} is missing or the
     *     settings are wrong
     */
    static @Nullable RemoteTiers openRedis(
            LarderConfig config, @Nullable Codec codec, Function<String, @Nullable LocalCache> localCaches) {
        String key = null;
        String value = null;
        if (config.backend() != LarderConfig.Backend.LOCAL) {
            key = ConfigKeys.BACKEND;
            value = config.get(ConfigKeys.BACKEND).orElse("");
        } else {
            for (Map.Entry<String, String> entry : config.asMap().entrySet()) {
                if (entry.getKey().startsWith(ConfigKeys.CACHE_PREFIX)
                        && entry.getKey().endsWith(ConfigKeys.CACHE_BACKEND)
                        && !entry.getValue().equalsIgnoreCase("local")) {
                    key = entry.getKey();
                    value = entry.getValue();
                    break;
                }
            }
        }
        if (key == null) {
            return null;
        }
        return RedisModule.require(
                        key, value, "a Redis backend needs", "add that dependency, or use larder.backend=local")
                .open(config, codec, localCaches, key, value);
    }

    /** Where a cache keeps its entries: its own {@code backend} setting, else {@code larder.backend}. */
    static LarderConfig.Backend of(LarderConfig config, String cache) {
        return config.cacheBackend(cache).orElse(config.backend());
    }
}
