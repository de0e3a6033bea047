package dev.larder.internal.state;

import dev.larder.Codec;
import dev.larder.DeadLetterHandler;
import dev.larder.LarderConfig;
import dev.larder.ValueType;
import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.spi.RemoteTiers;
import dev.larder.internal.tier.Tier;
import dev.larder.internal.writebehind.BatchWriter;
import dev.larder.internal.writebehind.Journal;
import dev.larder.internal.writebehind.PendingReads;
import dev.larder.internal.writebehind.RetryBackoff;
import dev.larder.internal.writebehind.WriteBehindQueue;
import dev.larder.internal.writebehind.WriteBehindScheduler;
import dev.larder.internal.writebehind.WriteBehindSettings;
import dev.larder.internal.writebehind.journal.Journals;
import dev.larder.internal.writebehind.journal.Replayer;
import dev.larder.model.WriteBehindSpec;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The write-behind queues and journals of one configuration: creates them for the methods, and flushes and closes
 * them with it. Their workers start with the first queue. Thread-safe.
 */
final class WriteBehindFactory {
    private final LarderConfig config;
    private final Supplier<DeadLetterHandler> deadLetters;
    private final @Nullable Codec codec;
    private final Caches caches;
    private final List<WriteBehindQueue> queues = new CopyOnWriteArrayList<>();
    private final List<Journal> journals = new CopyOnWriteArrayList<>();
    /** Guarded by this. */
    private @Nullable WriteBehindScheduler scheduler;
    /** Guarded by this. */
    private boolean closed;

    WriteBehindFactory(
            LarderConfig config, Supplier<DeadLetterHandler> deadLetters, @Nullable Codec codec, Caches caches) {
        this.config = config;
        this.deadLetters = deadLetters;
        this.codec = codec;
        this.caches = caches;
    }

    /** See {@link RuntimeState#writeBehindJournal}. */
    Journal journal(WriteBehindSpec spec, @Nullable BatchWriter batchWriter, @Nullable Class<?> valueType) {
        if (config.writeBehindJournal().equalsIgnoreCase("none")) {
            return Journal.NONE;
        }
        ValueType type =
                valueType == null ? null : new ValueType(boxed(valueType).getTypeName(), loaderOf(valueType));
        RemoteTiers redis = caches.redis();
        Journal journal = Journals.open(config, spec.site(), spec.cache(), batchWriter != null, type, codec, redis);
        journals.add(journal);
        return journal;
    }

    /** See {@link RuntimeState#writeBehindTakeovers}. */
    @Nullable
    Replayer takeovers(WriteBehindSpec spec, @Nullable BatchWriter batchWriter, Journal journal) {
        if (!Journals.takesOverLater(journal) || batchWriter == null) {
            return null;
        }
        Tier tier = caches.tier(spec.cache());
        return new Replayer(journal, batchWriter, spec.batchSize(), spec.cache(), deadLetters, tier::invalidateAll);
    }

    private static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
    }

    private static ClassLoader loaderOf(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader != null ? loader : ClassLoader.getSystemClassLoader();
    }

    /** See {@link RuntimeState#writeBehindQueue(WriteBehindSpec, BatchWriter, Journal)}. */
    WriteBehindQueue queue(WriteBehindSpec spec, @Nullable BatchWriter batchWriter, Journal journal) {
        Duration delay = spec.delay();
        String name = spec.cache();
        WriteBehindSettings settings = new WriteBehindSettings(
                name,
                delay,
                spec.batchSize(),
                spec.coalesce(),
                spec.maxRetries(),
                config.writeBehindMaxAge(name),
                config.writeBehindMaxPending(name));
        Tier tier = caches.tier(name);
        LocalCache cache = tier.local();
        WriteBehindQueue queue = new WriteBehindQueue(
                settings,
                batchWriter,
                scheduler(),
                deadLetters,
                cache.counters(),
                RetryBackoff.DEFAULT,
                journal,
                new PendingReads(cache, tier::invalidate, tier::invalidateAll),
                null);
        queues.add(queue);
        boolean closeNow;
        synchronized (this) {
            closeNow = closed;
        }
        if (closeNow) {
            queue.close();
        }
        return queue;
    }

    /**
     * The workers of the queues, started with the first queue. A closed factory still gets a scheduler (its queues
     * are closed at once and write on the caller's thread), closed too so that it runs nothing.
     */
    private synchronized WriteBehindScheduler scheduler() {
        if (scheduler == null) {
            scheduler = new WriteBehindScheduler();
            if (closed) {
                scheduler.close();
            }
        }
        return scheduler;
    }

    void flush() {
        for (WriteBehindQueue queue : queues) {
            queue.flush();
        }
    }

    /** Flushes and closes the queues (later writes run synchronously), then the journals, then the workers. */
    void close() {
        synchronized (this) {
            closed = true;
        }
        for (WriteBehindQueue queue : queues) {
            queue.close();
        }
        for (Journal journal : journals) {
            journal.close();
        }
        WriteBehindScheduler workers;
        synchronized (this) {
            workers = scheduler;
        }
        if (workers != null) {
            workers.close();
        }
    }
}
