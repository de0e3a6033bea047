package dev.larder.internal.redis;

import dev.larder.Codec;
import dev.larder.LarderConfig;
import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.spi.RedisProvider;
import dev.larder.internal.spi.RemoteTiers;
import dev.larder.internal.writebehind.Journal;
import dev.larder.internal.writebehind.journal.ValueBytes;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What {@code larder-redis} adds to the runtime, listed in {@code META-INF/services} for {@link
 * java.util.ServiceLoader}. Names no Jedis or Jackson type itself, so that loading it cannot fail for them: {@link
 * RedisSupport} and {@link DefaultCodec} check they are present and name the dependency that is not.
 */
public final class RedisModuleProvider implements RedisProvider {
    /** For {@link java.util.ServiceLoader}. */
    public RedisModuleProvider() {}

    @Override
    public RemoteTiers open(
            LarderConfig config,
            @Nullable Codec codec,
            Function<String, @Nullable LocalCache> localCaches,
            String backendKey,
            String backendValue) {
        return RedisSupport.open(config, codec, localCaches, backendKey, backendValue);
    }

    @Override
    public Codec jsonCodec(String key, String value, String who) {
        return DefaultCodec.json(key, value, who);
    }

    @Override
    public Journal journal(LarderConfig config, @Nullable RemoteTiers tiers, String stream, ValueBytes values) {
        JournalStreams streams =
                tiers instanceof RedisTier tier ? JournalStreams.of(tier) : JournalStreams.open(config);
        return new RedisJournal(
                streams, stream, values, config.writeBehindTakeOverAfter().toMillis());
    }
}
