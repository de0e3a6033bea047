package dev.larder.internal.redis;

import dev.larder.LarderConfig;
import dev.larder.internal.spi.RemoteTiers;
import dev.larder.internal.state.RuntimeState;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The Redis side of a runtime state, for tests: the runtime sees it only as {@link RemoteTiers}. */
public final class RedisTiers {
    private RedisTiers() {}

    /** The Redis tier of a state that uses Redis. */
    public static RedisTier of(RuntimeState state) {
        RemoteTiers tiers = Objects.requireNonNull(state.redisTier(), "no cache of this state uses Redis");
        return (RedisTier) tiers;
    }

    /** The Redis view of a cache, or null for a local cache. */
    public static @Nullable RemoteCache remote(RuntimeState state, String cache) {
        RemoteTiers tiers = state.redisTier();
        LarderConfig.Backend backend = state.backend(cache);
        if (!(tiers instanceof RedisTier tier) || backend == LarderConfig.Backend.LOCAL) {
            return null;
        }
        return tier.cache(cache, state.cache(cache).counters(), backend == LarderConfig.Backend.TIERED);
    }
}
