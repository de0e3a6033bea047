package dev.larder.internal.handle;

import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.model.WriteBehindSpec;
import dev.larder.internal.state.RuntimeState;
import dev.larder.internal.writebehind.BatchWriter;
import dev.larder.internal.writebehind.WriteBehindQueue;
import dev.larder.internal.writebehind.Writer;
import dev.larder.internal.writebehind.journal.Replayer;
import org.jspecify.annotations.Nullable;

/**
 * The runtime's side of a {@code @WriteBehind} method. Calling code does not run the method body; it calls {@link
 * #write} with the key, the value and the body as a {@link Writer}, and returns. With a journal configured, the
 * first write after the handle binds first replays the writes earlier JVMs left unsettled (see {@link Replayer}).
 */
public final class WriteBehindHandle extends Handle {
    private final WriteBehindSpec spec;
    private final @Nullable BatchWriter batchWriter;
    private final @Nullable Class<?> valueType;
    private volatile Binding binding;

    WriteBehindHandle(
            WriteBehindSpec spec, @Nullable BatchWriter batchWriter, @Nullable Class<?> valueType, RuntimeState state) {
        super(spec.site(), spec.cache(), spec.key());
        this.spec = spec;
        this.batchWriter = batchWriter;
        this.valueType = valueType;
        this.binding = newBinding(state);
    }

    @Override
    public void bind(RuntimeState state) {
        binding = newBinding(state);
    }

    private Binding newBinding(RuntimeState state) {
        LocalCache cache = state.cache(this.cache);
        Replayer replayer = state.writeBehindReplayer(spec, batchWriter, valueType);
        return new Binding(
                state,
                cache,
                state.ttlNanos(site, this.cache, spec.ttl()),
                state.writeBehindQueue(spec, batchWriter, replayer),
                replayer);
    }

    /**
     * Stores the value under the key now (a null value removes the key) and queues {@code body} to run later. {@code
     * target} is the object whose method was called: a batch method is called on it.
     */
    public void write(Object target, Object key, @Nullable Object value, Writer body) {
        Binding b = binding;
        if (b.replayer != null) {
            b.replayer.beforeWrite(target);
        }
        b.queue.enqueue(target, key, value, body, () -> {
            if (value == null) {
                b.state.invalidate(cache, key);
            } else {
                b.state.put(cache, key, value, b.ttl);
            }
        });
    }

    private record Binding(
            RuntimeState state,
            LocalCache cache,
            long ttl,
            WriteBehindQueue queue,
            @Nullable Replayer replayer) {}
}
