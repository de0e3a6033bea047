package dev.larder.internal.redis;

import dev.larder.ValueType;
import dev.larder.internal.cache.Entry;
import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.key.KeyEncoder;
import dev.larder.internal.metrics.CacheCounters;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * One cache's view of Redis. Keys are {@code <namespace>:<cache>:<generation>:<encoded key>}; invalidate-all
 * increments {@code <namespace>:<cache>:gen} instead of deleting keys, so it costs one call whatever the cache holds,
 * and the old generation's keys expire by their TTL. Every method fails open: a Redis fault is counted and looks like a
 * miss, or like a write that did not happen.
 */
public final class RemoteCache {
    /** Returned by {@link #tryLease} when another JVM holds the lease. */
    public static final String HELD = "held";

    private static final long POLL_FIRST_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long POLL_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long INDEX_GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final RedisTier tier;
    private final String name;
    private final CacheCounters counters;
    private final boolean tiered;
    private final String prefix;
    private final String generationKey;
    private final AtomicLong generation = new AtomicLong(-1);
    private volatile boolean invalidateAllPending;
    /** Tiered only: encoded key to the L1 key object, so that another JVM's invalidation can find the L1 entry. */
    private final Map<String, Remembered> index = new ConcurrentHashMap<>();

    RemoteCache(RedisTier tier, String name, CacheCounters counters, boolean tiered) {
        this.tier = tier;
        this.name = name;
        this.counters = counters;
        this.tiered = tiered;
        this.prefix = tier.namespace + ":" + name + ":";
        this.generationKey = prefix + "gen";
        counters.breakerState(tier::breakerState);
    }

    public boolean tiered() {
        return tiered;
    }

    /**
     * Whether values may be kept in this JVM's L1 now: for a tiered cache while the invalidation channel is subscribed
     * (otherwise another JVM's invalidation could be missed), never for a redis one.
     */
    public boolean keepsLocalCopies() {
        return tiered && tier.live();
    }

    public boolean distributedStampede() {
        return tier.distributed;
    }

    /**
     * The Redis key of a cache key in the current generation, or null when Redis cannot be used for it now (its
     * generation is unknown because Redis is unreachable, an invalidate-all has not reached Redis yet, or the key has
     * no stable text, which is counted and logged).
     */
    public @Nullable String key(Object key) {
        long gen = generation();
        if (gen < 0 || invalidateAllPending) {
            return null;
        }
        String encoded;
        try {
            encoded = KeyEncoder.encode(key);
        } catch (IllegalArgumentException e) {
            counters.backendError();
            tier.log("Cache '" + name + "' cannot use Redis for a key", e);
            return null;
        }
        return prefix + gen + ":" + encoded;
    }

    /** The value under a Redis key, or null for a miss, a fault, or bytes that do not decode (counted). */
    public @Nullable RemoteValue read(String remoteKey, ValueType type) {
        byte[] bytes = tier.call(counters, () -> tier.ops.get(bytes(remoteKey)), null);
        if (bytes == null) {
            return null;
        }
        try {
            return Envelope.unwrap(tier.codec, bytes, type);
        } catch (Exception | LinkageError e) {
            counters.backendError();
            tier.log(
                    "Cache '" + name + "' read bytes it cannot decode as " + type.name() + " under " + remoteKey
                            + "; treated as a miss",
                    e);
            return null;
        }
    }

    /**
     * Stores a value ({@code SET … PX}), with the TTL set in the same command.
     *
     * @return whether it was stored; a fault is counted
     */
    public boolean write(String remoteKey, @Nullable Object value, long ttlNanos, long loadNanos) {
        byte[] bytes;
        try {
            bytes = Envelope.wrap(tier.codec, value, System.currentTimeMillis(), loadNanos);
        } catch (Exception | LinkageError e) {
            counters.backendError();
            tier.log(
                    "Cache '" + name + "' cannot encode a value of "
                            + value.getClass().getName(),
                    e);
            return false;
        }
        long ttlMillis = ttlNanos == Entry.NO_EXPIRY ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(ttlNanos));
        return tier.call(
                counters,
                () -> {
                    tier.ops.set(bytes(remoteKey), bytes, ttlMillis);
                    return Boolean.TRUE;
                },
                Boolean.FALSE);
    }

    /** Deletes one Redis key; whether that succeeded. */
    public boolean delete(String remoteKey) {
        return tier.call(
                counters,
                () -> {
                    tier.ops.delete(bytes(remoteKey));
                    return Boolean.TRUE;
                },
                Boolean.FALSE);
    }

    /** Tells the other JVMs to drop their L1 copy of the key. */
    public void publishKey(String remoteKey) {
        tier.publish(counters, "K", name, encodedPart(remoteKey));
    }

    /**
     * Starts a new generation, so every key of the cache is gone for every JVM: one {@code INCR}, no key scan. If
     * Redis cannot be reached, this JVM stops using Redis for the cache until the increment succeeds (retried every
     * second), so it never reads the old generation again.
     */
    public void invalidateAll() {
        invalidateAllPending = true;
        retryInvalidateAll();
    }

    private void retryInvalidateAll() {
        long next = tier.call(counters, () -> tier.ops.increment(generationKey), -1L);
        if (next >= 0) {
            generation.accumulateAndGet(next, Math::max);
            invalidateAllPending = false;
            tier.publish(counters, "A", name, Long.toString(next));
        }
    }

    /**
     * Tries to take the load lease of a key ({@code SET <key>:lease <token> NX PX <lease>}).
     *
     * @return the token to release it with, {@link #HELD} when another JVM holds it, or null when Redis is unavailable
     */
    public @Nullable String tryLease(String remoteKey) {
        String token = UUID.randomUUID().toString();
        Boolean taken =
                tier.call(counters, () -> tier.ops.setIfAbsent(remoteKey + ":lease", token, tier.leaseMillis), null);
        return taken == null ? null : taken ? token : HELD;
    }

    /** Releases a lease if it is still this JVM's (compare-and-delete), so a late holder never frees another's. */
    public void releaseLease(String remoteKey, String token) {
        tier.call(
                counters,
                () -> {
                    tier.ops.compareAndDelete(remoteKey + ":lease", token);
                    return Boolean.TRUE;
                },
                Boolean.FALSE);
    }

    /**
     * Waits for another JVM's load of a key: polls for the value with backoff, for at most the lease time, and stops
     * early when the lease is gone without a value (its holder failed or died).
     *
     * @return the value, or null when the caller should load it itself
     */
    public @Nullable RemoteValue awaitValue(String remoteKey, ValueType type) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(tier.leaseMillis);
        long pause = POLL_FIRST_NANOS;
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(pause);
            pause = Math.min(POLL_MAX_NANOS, pause * 2);
            RemoteValue value = read(remoteKey, type);
            if (value != null) {
                return value;
            }
            String holder = tier.call(counters, () -> tier.ops.getString(remoteKey + ":lease"), "unknown");
            if (holder == null) {
                return read(remoteKey, type); // the holder may have stored just before it released
            }
            if (holder.equals("unknown")) {
                return null; // Redis failed: load without it
            }
        }
        return null;
    }

    /** Remembers which L1 key an encoded Redis key stands for (tiered only). */
    public void remember(String remoteKey, Object key) {
        if (tiered) {
            index.put(encodedPart(remoteKey), new Remembered(key, System.nanoTime()));
        }
    }

    void dropLocal(String encoded) {
        Remembered remembered = index.remove(encoded);
        LocalCache local = tier.localCaches.apply(name);
        if (remembered != null && local != null) {
            local.drop(remembered.key);
        }
    }

    void dropLocal() {
        LocalCache local = tier.localCaches.apply(name);
        if (tiered && local != null) {
            local.dropAll();
        }
        index.clear();
    }

    void generationBumped(long next) {
        generation.accumulateAndGet(next, Math::max);
        dropLocal();
    }

    void refreshGeneration() {
        if (invalidateAllPending) {
            retryInvalidateAll();
            return;
        }
        fetchGeneration();
    }

    private long generation() {
        long gen = generation.get();
        return gen >= 0 ? gen : fetchGeneration();
    }

    private long fetchGeneration() {
        long fetched = tier.call(
                counters,
                () -> {
                    String text = tier.ops.getString(generationKey);
                    return text == null ? 0L : Long.parseLong(text);
                },
                -1L);
        if (fetched < 0) {
            return generation.get();
        }
        long previous = generation.getAndAccumulate(fetched, Math::max);
        if (previous >= 0 && fetched > previous) {
            dropLocal(); // another JVM invalidated everything and this one missed the message
        }
        return Math.max(previous, fetched);
    }

    /** Forgets index entries whose L1 entry is gone, once they are older than a grace period. */
    void prune() {
        if (!tiered || index.isEmpty()) {
            return;
        }
        LocalCache local = tier.localCaches.apply(name);
        long now = System.nanoTime();
        index.forEach((encoded, remembered) -> {
            if (now - remembered.at > INDEX_GRACE_NANOS && (local == null || local.get(remembered.key) == null)) {
                index.remove(encoded, remembered);
            }
        });
    }

    private String encodedPart(String remoteKey) {
        return remoteKey.substring(remoteKey.indexOf(':', prefix.length()) + 1);
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private record Remembered(Object key, long at) {}
}
