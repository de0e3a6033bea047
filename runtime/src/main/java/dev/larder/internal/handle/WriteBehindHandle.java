package dev.larder.internal.handle;

import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.model.WriteBehindSpec;
import dev.larder.internal.state.RuntimeState;
import dev.larder.internal.writebehind.BatchWriter;
import dev.larder.internal.writebehind.WriteBehindQueue;
import dev.larder.internal.writebehind.Writer;
import org.jspecify.annotations.Nullable;

/**
 * The runtime's side of a {@code @WriteBehind} method. Calling code does not run the method body; it calls {@link
 * #write} with the key, the value and the body as a {@link Writer}, and returns.
 */
public final class WriteBehindHandle extends Handle {
    private final WriteBehindSpec spec;
    private final @Nullable BatchWriter batchWriter;
    private volatile Binding binding;

    WriteBehindHandle(WriteBehindSpec spec, @Nullable BatchWriter batchWriter, RuntimeState state) {
        super(spec.site(), spec.cache(), spec.key());
        this.spec = spec;
        this.batchWriter = batchWriter;
        this.binding = newBinding(state);
    }

    @Override
    public void bind(RuntimeState state) {
        binding = newBinding(state);
    }

    private Binding newBinding(RuntimeState state) {
        LocalCache cache = state.cache(this.cache);
        return new Binding(
                state, cache, state.ttlNanos(site, this.cache, spec.ttl()), state.writeBehindQueue(spec, batchWriter));
    }

    /**
     * Stores the value under the key now (a null value removes the key) and queues {@code body} to run later. {@code
     * target} is the object whose method was called: a batch method is called on it.
     */
    public void write(Object target, Object key, @Nullable Object value, Writer body) {
        Binding b = binding;
        b.queue.enqueue(target, key, value, body, () -> {
            if (value == null) {
                b.state.invalidate(cache, key);
            } else {
                b.state.put(cache, key, value, b.ttl);
            }
        });
    }

    private record Binding(RuntimeState state, LocalCache cache, long ttl, WriteBehindQueue queue) {}
}
