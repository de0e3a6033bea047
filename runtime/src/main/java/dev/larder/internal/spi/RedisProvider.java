package dev.larder.internal.spi;

import dev.larder.Codec;
import dev.larder.LarderConfig;
import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.writebehind.Journal;
import dev.larder.internal.writebehind.journal.ValueBytes;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What {@code dev.larder:larder-redis} adds to the runtime: the Redis tiers, the Redis write-behind journal and the
 * JSON codec (Jackson). Implemented once, in that module, and found with {@link java.util.ServiceLoader} through
 * {@link RedisModule#require}; never looked up by a configuration whose caches are all local and which needs no codec.
 */
public interface RedisProvider {

    /**
     * Opens the Redis connection of a configuration that uses Redis for at least one cache.
     *
     * @param codec the codec set with {@code Larder.codec}, or null for the JSON codec
     * @param localCaches the L1 caches of the configuration, by name (null when a cache has none yet)
     * @param backendKey the configuration key that asked for Redis, for messages
     * @param backendValue that key's value
     * @throws dev.larder.ConfigurationException when the Redis settings are wrong, or Jedis or Jackson is missing
     */
    RemoteTiers open(
            LarderConfig config,
            @Nullable Codec codec,
            Function<String, @Nullable LocalCache> localCaches,
            String backendKey,
            String backendValue);

    /**
     * The JSON codec (Jackson), for the parts of the runtime that encode values without a Redis tier: a file journal,
     * copying caches.
     *
     * @param key the configuration key that needs it, for the message
     * @param value that key's value
     * @param who what needs it, for the message ("a journal")
     * @throws dev.larder.ConfigurationException when Jackson is not on the class path
     */
    Codec jsonCodec(String key, String value, String who);

    /**
     * The Redis journal of one write-behind method ({@code larder.writeBehind.journal=redis}).
     *
     * @param tiers the configuration's open Redis connection, shared when there is one; else the journal opens its own
     * @param stream the Redis stream of the method
     * @param values how the journal's values become bytes and back
     */
    Journal journal(LarderConfig config, @Nullable RemoteTiers tiers, String stream, ValueBytes values);
}
