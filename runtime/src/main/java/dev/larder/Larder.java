package dev.larder;

import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.key.KeyShape;
import dev.larder.internal.key.Keys;
import dev.larder.internal.metrics.CacheCounters;
import dev.larder.internal.state.LarderRuntime;
import dev.larder.internal.state.RuntimeState;
import dev.larder.model.KeyTemplate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The runtime API. Annotated methods need none of it; it is for configuring Larder in code, reading its statistics,
 * invalidating from outside an annotated method, and controlling write-behind. All methods are thread-safe.
 *
 * <p>The runtime starts itself on first use with {@link LarderConfig#load()}: {@code larder.properties} on the
 * classpath, then {@code LARDER_*} environment variables, then {@code larder.*} system properties.
 */
public final class Larder {
    private Larder() {}

    /**
     * Applies a configuration. Its keys win over every other source; keys it does not set keep the loaded values. The
     * caches start empty; pending write-behind writes are written first; statistics carry on.
     *
     * @throws ConfigurationException when a value is malformed (the runtime keeps its previous configuration)
     */
    public static void configure(LarderConfig config) {
        LarderRuntime.configure(config);
    }

    /** The configuration in force (starting the runtime if needed). */
    public static LarderConfig config() {
        return LarderRuntime.current().config();
    }

    /** A snapshot of every cache used in this JVM so far, by name (sorted). */
    public static SortedMap<String, CacheStats> stats() {
        RuntimeState state = LarderRuntime.bound();
        Map<String, LocalCache> caches = state.caches();
        SortedMap<String, CacheStats> stats = new TreeMap<>();
        for (LocalCache cache : caches.values()) {
            stats.put(cache.name(), snapshot(cache.counters(), cache.size()));
        }
        return Collections.unmodifiableSortedMap(stats);
    }

    /** A snapshot of one cache; all zero when it has not been used. */
    public static CacheStats stats(String cache) {
        LocalCache local = LarderRuntime.bound().caches().get(cache);
        return snapshot(LarderRuntime.counters(cache), local == null ? 0 : local.size());
    }

    /**
     * Removes one key from a cache, as {@code @Invalidate} would. The key parts are the values of the key template's
     * placeholders in order, so this matches keys made by the default template (every parameter) and by templates of
     * the form {@code "{a}:{b}"}. Integral parts match by value: {@code 42} reaches the entry of a {@code long},
     * {@code int}, {@code short} or {@code byte} parameter 42. A load of that key already in flight will not put its
     * old value back.
     *
     * <p>A cache name that no annotated method of this JVM has used yet is most likely a typo: it is logged as a
     * warning naming the closest cache name, and a local cache is left alone (no empty cache is created). A cache on
     * Redis ({@code redis} or {@code tiered}) is invalidated all the same, since other JVMs may use it.
     *
     * @throws ConfigurationException when the configuration is broken
     */
    public static void invalidate(String cache, @Nullable Object... keyParts) {
        Objects.requireNonNull(cache, "cache");
        List<String> names = new ArrayList<>(keyParts.length);
        for (int i = 0; i < keyParts.length; i++) {
            names.add("p" + i);
        }
        Object key = Keys.of(KeyShape.of(KeyTemplate.ofParameters(names)), keyParts);
        LarderRuntime.invalidate(cache, key);
    }

    /**
     * Removes every entry of a cache. Loads already in flight will not put old values back. A cache name is handled as
     * in {@link #invalidate}.
     */
    public static void invalidateAll(String cache) {
        Objects.requireNonNull(cache, "cache");
        LarderRuntime.invalidateAll(cache);
    }

    /**
     * Removes every entry carrying {@code tag} (see {@code @Cached(tags)}), in every cache of this JVM, as
     * {@code @Invalidate(tags)} would. When this returns, no entry carrying the tag is served, and a load that
     * started before does not store a value carrying it after. Entries are not looked for: each carries the moment its
     * load began, and a hit of a tagged method checks it against its tags' last invalidation, so this costs the same
     * however many entries carry the tag. Tags are rendered as text, so {@code "author:42"} is the tag of {@code
     * "author:{id}"} for an {@code id} of {@code 42}. Thread-safe.
     *
     * @throws NullPointerException when {@code tag} is null
     */
    public static void invalidateTag(String tag) {
        LarderRuntime.invalidateTag(Objects.requireNonNull(tag, "tag"));
    }

    /**
     * Writes every pending write-behind write now, and returns when each has been written or given to the dead-letter
     * handler: while the system of record is down, up to {@code larder.writeBehind.maxAge}.
     */
    public static void flush() {
        LarderRuntime.flush();
    }

    /**
     * Flushes pending writes and stops Larder's threads. Annotated methods keep working afterwards: they still cache,
     * and write-behind methods write before they return, through their batch method and retries as before (a failure
     * of the system of record still goes to the dead-letter handler, not to the caller), until the next {@link
     * #configure} starts the runtime again. A JVM shutdown hook calls this.
     */
    public static void shutdown() {
        LarderRuntime.shutdown();
    }

    /**
     * Sets what happens to a write-behind write that failed all its retries. The default logs it as a warning.
     *
     * @param handler called on a write-behind worker thread; what it throws is logged and dropped
     */
    public static void onDeadLetter(DeadLetterHandler handler) {
        LarderRuntime.deadLetterHandler(handler);
    }

    /**
     * Sets the codec that turns values into bytes for Redis and back (see {@link Codec}); the default is JSON through
     * Jackson. Takes effect at the next {@link #configure}, or at start-up when called before the first use.
     */
    public static void codec(Codec codec) {
        LarderRuntime.codec(codec);
    }

    private static CacheStats snapshot(CacheCounters c, long size) {
        return new CacheStats(
                c.cache(),
                c.hits(),
                c.misses(),
                c.loads(),
                c.loadFailures(),
                c.loadNanos(),
                c.evictions(),
                c.refreshes(),
                c.refreshFailures(),
                c.waits(),
                c.puts(),
                c.invalidations(),
                size,
                c.writeBehindQueuedCount(),
                c.writeBehindCoalescedCount(),
                c.writeBehindWrittenCount(),
                c.writeBehindBatches(),
                c.writeBehindRetriedCount(),
                c.writeBehindDeadLetteredCount(),
                c.writeBehindDepth(),
                c.backendErrors(),
                c.backendCalls(),
                c.backendNanos(),
                c.breakerState(),
                c.writeBehindWaitsCount(),
                c.sizeCurve(),
                c.warmed(),
                c.toWarm());
    }
}
