package dev.larder.internal.handle;

import dev.larder.internal.cache.Lifetime;
import dev.larder.internal.state.RuntimeState;
import dev.larder.internal.tier.Tier;
import dev.larder.model.WriteSpec;
import org.jspecify.annotations.Nullable;

/**
 * The runtime's side of a {@code @WriteThrough} method. Calling code runs the method, and only when it returns
 * normally calls {@code put(key, value)}.
 */
public final class WriteThroughHandle extends Handle {
    private final WriteSpec spec;
    private volatile Binding binding;

    WriteThroughHandle(WriteSpec spec, RuntimeState state) {
        super(spec.site(), spec.cache(), spec.key());
        this.spec = spec;
        this.binding = new Binding(state, state.lifetime(cache, spec.ttl(), spec.ttlJitter()));
    }

    @Override
    public void bind(RuntimeState state) {
        binding = new Binding(state, state.lifetime(cache, spec.ttl(), spec.ttlJitter()));
    }

    /**
     * Stores the written value under the key, superseding any load of the key in flight. A null value removes the
     * key instead, so the next read loads what the system of record now holds. If storing fails the key is
     * invalidated and the failure counted; the caller never sees it.
     */
    public void put(Object key, @Nullable Object value) {
        Binding b = binding;
        // Looked up per write, not at binding: a cache is created on its first use, not when a class loads.
        Tier tier = b.state.tier(cache);
        if (value == null) {
            tier.invalidate(key);
            return;
        }
        try {
            tier.put(key, value, b.lifetime.draw());
        } catch (RuntimeException | Error failure) {
            tier.local().counters().backendError();
            tier.invalidate(key);
        }
    }

    private record Binding(RuntimeState state, Lifetime lifetime) {}
}
