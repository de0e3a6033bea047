package dev.larder.internal.handle;

import dev.larder.ConfigurationException;
import dev.larder.internal.cache.Lifetime;
import dev.larder.internal.log.Logs;
import dev.larder.internal.state.RuntimeState;
import dev.larder.internal.tier.Tier;
import dev.larder.internal.writebehind.BatchWriter;
import dev.larder.internal.writebehind.CacheUpdate;
import dev.larder.internal.writebehind.Journal;
import dev.larder.internal.writebehind.WriteBehindQueue;
import dev.larder.internal.writebehind.Writer;
import dev.larder.internal.writebehind.journal.JournalUnavailableException;
import dev.larder.internal.writebehind.journal.Replayer;
import dev.larder.model.WriteBehindSpec;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The runtime's side of a {@code @WriteBehind} method. Calling code does not run the method body; it calls {@link
 * #write} with the key, the value and the body as a {@link Writer}, and returns.
 *
 * <p>With a journal, the queue writes what earlier JVMs left unsettled ahead of this JVM's writes, through the batch
 * method of the object the first write is called on; writes the Redis journal takes over later from JVMs that died
 * are written by a {@link Replayer} before a later write. A write the journal cannot keep (Redis down, disk failing)
 * is written synchronously through the batch method, after the queue is flushed so that no older write of its key
 * lands after it; if that fails too, the failure reaches the caller: the write was neither kept nor written.
 *
 * <p>A method the configured journal cannot keep (no batch method, no known value type, a journal that cannot be
 * opened) is rejected when the handle binds: the reason is logged, and every write of the method throws that {@link
 * ConfigurationException}, rather than being acknowledged without the journal; the other methods bind as usual.
 */
public final class WriteBehindHandle extends Handle {
    private static final System.Logger LOGGER = Logs.get("dev.larder.writebehind");

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
        Journal journal;
        ConfigurationException rejected = null;
        try {
            journal = state.writeBehindJournal(spec, batchWriter, valueType);
        } catch (ConfigurationException e) {
            // Rejects this method's writes, not the configuration: every other handle still binds to it.
            LOGGER.log(Level.ERROR, e.getMessage());
            journal = Journal.NONE;
            rejected = e;
        }
        return new Binding(
                state.tier(cache),
                state.lifetime(cache, spec.ttl(), spec.ttlJitter()),
                state.writeBehindQueue(spec, batchWriter, journal),
                state.writeBehindTakeovers(spec, batchWriter, journal),
                rejected);
    }

    /**
     * Stores the value under the key now (a null value removes the key) and queues {@code body} to run later. {@code
     * target} is the object whose method was called: a batch method is called on it.
     */
    public void write(Object target, Object key, @Nullable Object value, Writer body) {
        Binding b = binding;
        if (b.rejected != null) {
            throw b.rejected;
        }
        if (b.takeovers != null) {
            b.takeovers.beforeWrite(target);
        }
        CacheUpdate cacheUpdate = () -> {
            if (value == null) {
                b.tier.invalidate(key);
            } else {
                b.tier.put(key, value, b.lifetime.draw());
            }
        };
        try {
            b.queue.enqueue(target, key, value, body, cacheUpdate);
        } catch (JournalUnavailableException e) {
            writeNow(b, target, value, cacheUpdate, e);
        }
    }

    private void writeNow(
            Binding b, Object target, @Nullable Object value, CacheUpdate cacheUpdate, JournalUnavailableException e) {
        LOGGER.log(Level.WARNING, () -> site + ": " + e.getMessage() + "; writing synchronously");
        b.queue.flush();
        try {
            Objects.requireNonNull(batchWriter, "a journalled method has a batch method")
                    .write(target, Collections.singletonList(value));
            cacheUpdate.apply();
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable failure) {
            throw Exceptions.sneakyThrow(failure);
        }
    }

    private record Binding(
            Tier tier,
            Lifetime lifetime,
            WriteBehindQueue queue,
            @Nullable Replayer takeovers,
            @Nullable ConfigurationException rejected) {}
}
