package dev.larder.internal.state;

import dev.larder.Codec;
import dev.larder.DeadLetterHandler;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.Handle;
import dev.larder.internal.metrics.CacheCounters;
import dev.larder.internal.spi.RemoteTiers;
import dev.larder.internal.tag.TagClock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one runtime of this class loader, as generated and woven code, handles and the public API reach it: static
 * entry points onto the one {@link StateHolder}, which holds the current {@link RuntimeState}, the handles bound to it
 * and the counters of every cache. The hot path never comes here (handles read their own binding).
 */
public final class LarderRuntime {
    private static final StateHolder HOLDER = new StateHolder();

    private LarderRuntime() {}

    /**
     * Creates a handle bound to the current state (starting the runtime if needed) and keeps it bound. Never throws
     * for a broken configuration: handles are created in static initialisers of generated and woven classes, where an
     * exception would turn every later call into a {@code NoClassDefFoundError}. The handle is then bound to a
     * local-only stand-in state and made to throw the configuration's error on each call (see {@link
     * Handle#failWith}), until a configuration starts.
     */
    public static <H extends Handle> H register(Function<RuntimeState, H> factory) {
        return HOLDER.register(factory);
    }

    /**
     * The error the configuration failed with when {@code bound} is the stand-in state that handles created under a
     * broken configuration are bound to; null for every other state.
     */
    public static @Nullable RuntimeException failureOf(RuntimeState bound) {
        return HOLDER.failureOf(bound);
    }

    /** The current state, started from the loaded configuration on first use. */
    public static RuntimeState current() {
        return HOLDER.current();
    }

    /**
     * The state the handles are bound to, for reading statistics: after {@link #shutdown()} that is the closed state,
     * whose caches the methods still use; reading statistics does not start a new one.
     */
    public static RuntimeState bound() {
        return HOLDER.bound();
    }

    /** Replaces the configuration: caches start empty, handles are bound again, pending writes of the old are written. */
    public static void configure(LarderConfig config) {
        HOLDER.configure(config);
    }

    /**
     * Removes a key from a cache, as {@code @Invalidate} does; a cache name that no method of this JVM has used is
     * warned about, and for a local cache nothing is done.
     */
    public static void invalidate(String cache, Object key) {
        HOLDER.invalidate(cache, key);
    }

    /** Removes every key of a cache, as {@code @Invalidate(all = true)} does; see {@link #invalidate}. */
    public static void invalidateAll(String cache) {
        HOLDER.invalidateAll(cache);
    }

    /**
     * Invalidates a tag: at once in this JVM ({@link TagClock}), then, when the configuration uses Redis, in Redis and
     * in the other JVMs (see {@link RemoteTiers#invalidateTag}). Never throws for Redis.
     */
    public static void invalidateTag(String tag) {
        TagClock.invalidate(tag);
        RemoteTiers redis = HOLDER.current().redisTier();
        if (redis != null) {
            redis.invalidateTag(tag);
        }
    }

    /** Writes every pending write-behind write. */
    public static void flush() {
        HOLDER.flush();
    }

    /**
     * Flushes, stops the workers and forgets the state; handles keep working on the old caches (Redis included),
     * writing behind synchronously, until the next use of the runtime starts a new state, which releases the old one's
     * Redis connection.
     */
    public static void shutdown() {
        HOLDER.shutdown();
    }

    /** Sets the codec of Redis values; configurations started from now on use it. */
    public static void codec(Codec codec) {
        HOLDER.codec(codec);
    }

    public static void deadLetterHandler(DeadLetterHandler handler) {
        HOLDER.deadLetterHandler(handler);
    }

    /** The counters of a cache, created (and bound to Micrometer when enabled) on first use. */
    public static CacheCounters counters(String cache) {
        return HOLDER.counters(cache);
    }
}
