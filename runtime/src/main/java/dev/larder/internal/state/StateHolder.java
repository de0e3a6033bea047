package dev.larder.internal.state;

import dev.larder.Codec;
import dev.larder.DeadLetterHandler;
import dev.larder.LarderConfig;
import dev.larder.internal.cache.CacheWarmup;
import dev.larder.internal.config.KeySuggestions;
import dev.larder.internal.handle.Handle;
import dev.larder.internal.log.Logs;
import dev.larder.internal.metrics.CacheCounters;
import dev.larder.internal.metrics.MicrometerSupport;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Everything the runtime of one class loader holds across configurations: the current {@link RuntimeState}, the
 * handles bound to it, the counters of every cache, and what the application set (configuration, codec, dead-letter
 * handler). Counters outlive reconfiguration, so the figures a metrics system reads only ever grow. One instance,
 * held by {@link LarderRuntime}.
 *
 * <p>All changes of state happen under one lock; the hot path never takes it (handles read their own binding).
 */
final class StateHolder {
    private final Object lock = new Object();
    private final List<WeakReference<Handle>> handles = new ArrayList<>();
    private final Map<String, CacheCounters> countersByCache = new ConcurrentHashMap<>();
    private final Function<String, CacheCounters> createCounters = new NewCounters();
    private final Supplier<DeadLetterHandler> currentDeadLetters = new CurrentDeadLetters();
    private final Set<String> warnedCaches = ConcurrentHashMap.newKeySet();

    private volatile @Nullable RuntimeState state;
    /** The state {@link #shutdown()} closed: handles stay bound to it, so its Redis connection stays open. */
    private @Nullable RuntimeState retired;

    private @Nullable LarderConfig configured;
    /** The handler set with {@link #deadLetterHandler}, or null for {@link DeadLetterHandler#logging()}. */
    private volatile @Nullable DeadLetterHandler deadLetters;

    /** The local-only state of handles created while the configuration was broken, and that configuration's error. */
    private @Nullable RuntimeState standIn;

    private @Nullable RuntimeException failure;

    private boolean hookInstalled;
    private boolean warmUpStarted;
    private volatile @Nullable Codec codec;

    /**
     * Creates a handle bound to the current state (starting the runtime if needed) and keeps it bound. Never throws
     * for a broken configuration: handles are created in static initialisers of generated and woven classes, where an
     * exception would turn every later call into a {@code NoClassDefFoundError}. The handle is then bound to a
     * local-only stand-in state and made to throw the configuration's error on each call (see {@link
     * Handle#failWith}), until a configuration starts.
     */
    <H extends Handle> H register(Function<RuntimeState, H> factory) {
        synchronized (lock) {
            RuntimeState bindTo;
            RuntimeException broken = null;
            try {
                bindTo = current();
            } catch (RuntimeException e) {
                broken = e;
                failure = e;
                bindTo = standIn();
            }
            H handle = factory.apply(bindTo);
            if (broken != null) {
                handle.failWith(broken);
            }
            handles.add(new WeakReference<>(handle));
            return handle;
        }
    }

    /**
     * The error the configuration failed with when {@code bound} is the stand-in state that handles created under a
     * broken configuration are bound to; null for every other state.
     */
    @Nullable
    RuntimeException failureOf(RuntimeState bound) {
        synchronized (lock) {
            return bound == standIn ? failure : null;
        }
    }

    private RuntimeState standIn() {
        RuntimeState existing = standIn;
        if (existing == null) {
            existing = new RuntimeState(LarderConfig.defaults(), currentDeadLetters, null);
            standIn = existing;
        }
        return existing;
    }

    /** The current state, started from the loaded configuration on first use. */
    RuntimeState current() {
        synchronized (lock) {
            RuntimeState current = state;
            if (current == null) {
                warmUpOnce();
                current = start(effectiveConfig());
            }
            return current;
        }
    }

    /**
     * The state the handles are bound to, for reading statistics: after {@link #shutdown()} that is the closed state,
     * whose caches the methods still use; reading statistics does not start a new one.
     */
    RuntimeState bound() {
        synchronized (lock) {
            RuntimeState current = state != null ? state : retired;
            return current != null ? current : current();
        }
    }

    /** Replaces the configuration: caches start empty, handles are bound again, pending writes of the old are written. */
    void configure(LarderConfig config) {
        Objects.requireNonNull(config, "config");
        synchronized (lock) {
            warmUpOnce();
            LarderConfig effective = LarderConfig.load().overriddenBy(config);
            configured = config;
            RuntimeState old = state;
            start(effective);
            if (old != null) {
                old.close();
                old.release();
            }
        }
    }

    /**
     * Removes a key from a cache, as {@code @Invalidate} does; a cache name that no method of this JVM has used is
     * warned about (see {@link #checkUsed}).
     */
    void invalidate(String cache, Object key) {
        RuntimeState current = current();
        if (checkUsed(current, cache)) {
            current.tier(cache).invalidate(key);
        }
    }

    /** Removes every key of a cache, as {@code @Invalidate(all = true)} does; see {@link #invalidate}. */
    void invalidateAll(String cache) {
        RuntimeState current = current();
        if (checkUsed(current, cache)) {
            current.tier(cache).invalidateAll();
        }
    }

    /**
     * Whether an invalidation of {@code cache} from outside an annotated method should go ahead. A name that no
     * handle of this JVM uses and no cache holds is most likely a typo ({@code Items} for {@code items}): it is logged
     * as a warning naming the closest cache, once per name, and for a local cache nothing is done, so no empty cache
     * is created. A Redis-backed cache may be in use by other JVMs only, so its invalidation still goes ahead.
     */
    private boolean checkUsed(RuntimeState current, String cache) {
        Set<String> used = new TreeSet<>(current.caches().keySet());
        synchronized (lock) {
            for (WeakReference<Handle> ref : handles) {
                Handle handle = ref.get();
                if (handle != null) {
                    used.add(handle.cache());
                }
            }
        }
        if (used.contains(cache)) {
            return true;
        }
        boolean remote = current.backend(cache) != LarderConfig.Backend.LOCAL;
        if (warnedCaches.add(cache)) {
            String closest = KeySuggestions.closest(cache, used);
            Logs.get("dev.larder")
                    .log(
                            System.Logger.Level.WARNING,
                            "Larder.invalidate: no method in this JVM uses a cache named ''{0}''{1}; {2}",
                            cache,
                            closest == null ? "" : " (did you mean '" + closest + "'?)",
                            remote
                                    ? "it is invalidated in Redis all the same, for other JVMs that may use it"
                                    : "nothing was invalidated");
        }
        return remote;
    }

    /** Writes every pending write-behind write. */
    void flush() {
        RuntimeState current;
        synchronized (lock) {
            current = state;
        }
        if (current != null) {
            current.flush();
        }
    }

    /**
     * Flushes, stops the workers and forgets the state; handles keep working on the old caches (Redis included),
     * writing behind synchronously, until the next use of the runtime starts a new state, which releases the old one's
     * Redis connection.
     */
    void shutdown() {
        synchronized (lock) {
            RuntimeState old = state;
            state = null;
            if (old != null) {
                old.recordWarmKeys();
                old.close();
                retired = old;
            }
        }
    }

    /** Sets the codec of Redis values; configurations started from now on use it. */
    void codec(Codec newCodec) {
        codec = Objects.requireNonNull(newCodec, "codec");
    }

    void deadLetterHandler(DeadLetterHandler handler) {
        deadLetters = Objects.requireNonNull(handler, "handler");
    }

    /** The counters of a cache, created (and bound to Micrometer when enabled) on first use. */
    CacheCounters counters(String cache) {
        CacheCounters existing = countersByCache.get(cache);
        return existing != null ? existing : countersByCache.computeIfAbsent(cache, createCounters);
    }

    private CacheCounters newCounters(String cache) {
        CacheCounters counters = new CacheCounters(cache);
        RuntimeState current = state;
        MicrometerSupport.created(counters, current != null && current.config().metrics() == LarderConfig.Metrics.AUTO);
        return counters;
    }

    private LarderConfig effectiveConfig() {
        LarderConfig loaded = LarderConfig.load();
        return configured == null ? loaded : loaded.overriddenBy(configured);
    }

    /** Before the first state: the cache classes load on another core while this thread reads the configuration. */
    private void warmUpOnce() {
        if (!warmUpStarted) {
            warmUpStarted = true;
            CacheWarmup.start();
        }
    }

    private RuntimeState start(LarderConfig config) {
        RuntimeState fresh = new RuntimeState(config, currentDeadLetters, codec);
        state = fresh;
        for (Iterator<WeakReference<Handle>> refs = handles.iterator(); refs.hasNext(); ) {
            Handle handle = refs.next().get();
            if (handle == null) {
                refs.remove();
            } else {
                handle.bind(fresh);
                handle.recover();
            }
        }
        RuntimeState shutDown = retired;
        retired = null;
        if (shutDown != null) {
            shutDown.release(); // no handle is bound to it any more
        }
        if (!hookInstalled) {
            hookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new ShutdownHook());
        }
        return fresh;
    }

    // Named classes rather than lambdas: see "Start-up" in package dev.larder.

    private final class NewCounters implements Function<String, CacheCounters> {
        @Override
        public CacheCounters apply(String cache) {
            return newCounters(cache);
        }
    }

    private final class CurrentDeadLetters implements Supplier<DeadLetterHandler> {
        @Override
        public DeadLetterHandler get() {
            DeadLetterHandler handler = deadLetters;
            return handler != null ? handler : DeadLetterHandler.logging();
        }
    }

    private final class ShutdownHook extends Thread {
        ShutdownHook() {
            super("larder-shutdown");
        }

        @Override
        public void run() {
            shutdown();
        }
    }
}
