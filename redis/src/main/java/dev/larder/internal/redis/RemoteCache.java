package dev.larder.internal.redis;

import dev.larder.ValueType;
import dev.larder.internal.cache.Entry;
import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.key.KeyEncoder;
import dev.larder.internal.metrics.CacheCounters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
 *
 * <p>Loads go through a {@link Lease}: a miss takes one atomically with its read ({@link #lookup}), and a load stores
 * only under it ({@link #store}), so a load never overwrites a write or delete that came after its read, from any JVM.
 *
 * <p>Writes and invalidations are versioned ({@link HybridClock}, taken after the system of record has the write): a
 * script sets the key only when it holds no newer version ({@link LeaseScripts#WRITE}), and an invalidation leaves a
 * tombstone of its version rather than deleting the key, so a write that a stalled connection delivers late never lands
 * over a newer write or invalidation of any JVM. Written values expire at their version's time plus their TTL, and a
 * tombstone at its version's time plus the longest TTL this cache gave a value here (see {@link #tombstoneExpiry}),
 * so an older write that arrives once the tombstone is gone has expired too.
 */
public final class RemoteCache {
    /** Returned by {@link #getOrLease} for an absent key, and by a failed call (FAULT); never Redis's own bytes. */
    private static final byte[] NONE = new byte[0];

    private static final byte[] FAULT = new byte[0];
    private static final long POLL_FIRST_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long POLL_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long INDEX_GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** The most keys kept for replay per cache; beyond it the cache moves to a new generation instead. */
    static final int MAX_KEPT = 10_000;
    /** A tombstone's lifetime before this JVM gave the cache any value: Larder's default TTL. */
    static final long DEFAULT_TOMBSTONE_MILLIS = TimeUnit.MINUTES.toMillis(10);
    /** In {@link #longestTtlMillis}: a value without expiry was given. */
    private static final long FOREVER = Long.MAX_VALUE;

    private final RedisTier tier;
    private final String name;
    private final CacheCounters counters;
    private final boolean tiered;
    private final String prefix;
    private final String generationKey;
    private final AtomicLong generation = new AtomicLong(-1);
    /** Counts adoptions of a generation, so that a re-read that raced with one does not undo it. Guarded by this. */
    private long adoptions;
    /** Invalidate-alls asked for, and how many of them reached Redis: while fewer did, Redis is not read. */
    private final AtomicLong allAsked = new AtomicLong();

    private volatile long allDone;
    /**
     * Keys whose write or invalidation could not reach Redis (or the other JVMs), by encoded key, each with a stamp
     * from {@link #stamps}: Redis may still hold their old value, so this JVM does not read them from Redis until
     * {@link #replay} has deleted them there and told the other JVMs. Bounded: beyond {@link #MAX_KEPT} keys an
     * invalidate-all (a new generation) replaces them.
     */
    private final Map<String, Long> kept = new ConcurrentHashMap<>();

    private final AtomicLong stamps = new AtomicLong();
    /** The longest TTL in ms of a value this JVM wrote or stored in the cache ({@link #FOREVER}: none); 0 before any. */
    private final AtomicLong longestTtlMillis = new AtomicLong();
    /** Tiered only: encoded key to the L1 key object, so that another JVM's invalidation can find the L1 entry. */
    private final Map<String, Remembered> index = new ConcurrentHashMap<>();

    /** The cache's name in Redis and on the channel: {@code <cache>@<version>} with a version, else the name. */
    private final String remoteName;

    RemoteCache(RedisTier tier, String name, CacheCounters counters, boolean tiered) {
        this(tier, name, name, counters, tiered);
    }

    /**
     * @param remoteName {@code <cache>@<version>} for a versioned cache ({@code larder.cache.<name>.version}): its keys,
     *     generation and messages are those of that name, so JVMs on other versions never read, invalidate or drop them
     */
    RemoteCache(RedisTier tier, String name, String remoteName, CacheCounters counters, boolean tiered) {
        this.tier = tier;
        this.name = name;
        this.remoteName = remoteName;
        this.counters = counters;
        this.tiered = tiered;
        this.prefix = tier.namespace + ":" + remoteName + ":";
        this.generationKey = prefix + "gen";
        counters.breakerState(tier::breakerState);
    }

    public boolean tiered() {
        return tiered;
    }

    /**
     * Whether values are kept in this JVM's L1: always for a tiered cache (with Redis down too, so that the L1 keeps
     * protecting the system of record; see {@link #localTtl}), never for a redis one.
     */
    public boolean keepsLocalCopies() {
        return tiered;
    }

    /**
     * The lifetime of an L1 entry stored now: {@code ttlNanos} while the invalidation channel is live, else at most the
     * staleness bound ({@code larder.redis.staleness}), since another JVM's change could not reach this JVM.
     */
    public long localTtl(long ttlNanos) {
        return tier.live() ? ttlNanos : Math.min(ttlNanos, tier.stalenessNanos);
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
        String encoded = encode(key);
        return encoded == null ? null : remoteKey(encoded);
    }

    /** The Redis key of an encoded key, or null while Redis must not be used for it (see {@link #key}). */
    private @Nullable String remoteKey(String encoded) {
        long gen = generation();
        if (gen < 0 || allPending() || (!kept.isEmpty() && kept.containsKey(encoded))) {
            return null;
        }
        return prefix + gen + ":" + encoded;
    }

    private @Nullable String encode(Object key) {
        try {
            return KeyEncoder.encode(key);
        } catch (IllegalArgumentException e) {
            counters.backendError();
            tier.log("Cache '" + name + "' cannot use Redis for a key", e);
            return null;
        }
    }

    private boolean allPending() {
        return allAsked.get() > allDone;
    }

    /**
     * A written value, after this JVM stored it in its own L1: {@code SET … PX} in Redis, then the other JVMs drop
     * their L1 copy. What cannot reach Redis is kept and replayed as an invalidation; nothing is thrown.
     */
    public void put(Object key, Object value, long ttlNanos) {
        String encoded = encode(key);
        if (encoded == null) {
            return;
        }
        String remoteKey = remoteKey(encoded);
        if (remoteKey == null || !write(remoteKey, value, ttlNanos, 0) || !publishKey(remoteKey)) {
            keep(encoded);
        }
    }

    /**
     * Removes a key from Redis and from the other JVMs' L1 ({@code DEL}, then a message). What cannot reach Redis is
     * kept and replayed; nothing is thrown.
     */
    public void invalidate(Object key) {
        String encoded = encode(key);
        if (encoded == null || allPending()) {
            return; // never in Redis, or gone with the new generation
        }
        String remoteKey = remoteKey(encoded);
        if (remoteKey == null || !delete(remoteKey) || !publishKey(remoteKey)) {
            keep(encoded);
        }
    }

    private void keep(String encoded) {
        kept.put(encoded, stamps.incrementAndGet());
        if (kept.size() > MAX_KEPT) {
            allAsked.incrementAndGet(); // too many to replay one by one: a new generation drops them all
        }
    }

    /**
     * Invalidates the kept keys in Redis (tombstones of new versions, so that this JVM's own writes that a stalled
     * connection still holds are refused when they arrive) and tells the other JVMs, while Redis answers; each one is
     * then forgotten.
     */
    void replay() {
        long gen = generation.get();
        if (kept.isEmpty() || gen < 0 || allPending()) {
            return;
        }
        for (Map.Entry<String, Long> entry : kept.entrySet()) {
            String remoteKey = prefix + gen + ":" + entry.getKey();
            if (!delete(remoteKey) || !publishKey(remoteKey)) {
                return; // Redis is still unreachable: the next tick tries again
            }
            kept.remove(entry.getKey(), entry.getValue()); // unless kept again meanwhile
        }
    }

    /** How many keys wait for {@link #replay} (for tests and diagnostics). */
    int keptCount() {
        return kept.size();
    }

    /**
     * The value under a Redis key, or null for a miss, a load under way, a fault, bytes that do not decode, or a tagged
     * value one of whose tags was invalidated after its load began.
     */
    public @Nullable RemoteValue read(String remoteKey, ValueType type) {
        byte[] bytes = tier.call(counters, () -> tier.ops.get(bytes(remoteKey)), null);
        RemoteValue value = bytes == null || Lease.isMarker(bytes) || Envelope.isTombstone(bytes)
                ? null
                : decode(remoteKey, bytes, type);
        String[] tags = value == null ? null : value.tags();
        return tags == null || !tier.tagsStale(counters, tags, value.tagsSince()) ? value : null;
    }

    /**
     * A miss's look at Redis, atomic on the server: the value under the key; or, when the key is absent, a lease this
     * caller now holds (the key holds its marker for the lease time) and must store under or {@link #release}; or
     * another JVM's lease. Bytes that do not decode are counted, logged and replaced by a lease of this caller's, so a
     * load replaces them.
     */
    public Lookup lookup(String remoteKey, ValueType type) {
        byte[] key = bytes(remoteKey);
        byte[] marker = Lease.newMarker();
        return looked(remoteKey, key, marker, tier.call(counters, () -> getOrLease(key, marker), FAULT), type);
    }

    /**
     * {@link #lookup} of many keys in one round trip (a pipeline; on Cluster one per node), each answered as {@link
     * #lookup} answers it, in order. A fault makes every answer {@link Lookup#unavailable()}.
     */
    public List<Lookup> lookupAll(List<String> remoteKeys, ValueType type) {
        List<byte[]> keys = new ArrayList<>(remoteKeys.size());
        List<byte[]> markers = new ArrayList<>(remoteKeys.size());
        for (String remoteKey : remoteKeys) {
            keys.add(bytes(remoteKey));
            markers.add(Lease.newMarker());
        }
        List<byte @Nullable []> replies =
                tier.call(counters, () -> tier.ops.getOrLeaseAll(keys, markers, tier.leaseTtlMillis), null);
        int count = remoteKeys.size();
        byte[][] answers = new byte[count][];
        @Nullable RemoteValue[] values = new RemoteValue[count];
        List<String @Nullable []> tags = new ArrayList<>(count);
        long[] since = new long[count];
        for (int i = 0; i < count; i++) {
            byte[] reply = replies == null ? FAULT : replies.get(i);
            answers[i] = reply == null ? NONE : reply;
            values[i] = isValue(answers[i]) ? decode(remoteKeys.get(i), answers[i], type) : null;
            tags.add(values[i] == null ? null : values[i].tags());
            since[i] = values[i] == null ? 0 : values[i].tagsSince();
        }
        boolean[] stale = tier.tagsStale(counters, tags, since); // one check for every tagged value found
        List<Lookup> found = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            found.add(judged(keys.get(i), markers.get(i), answers[i], values[i], stale[i]));
        }
        return found;
    }

    private static boolean isValue(byte[] answer) {
        return answer != FAULT && answer != NONE && !Lease.isMarker(answer);
    }

    /** What {@code getOrLease} answered for the key ({@link #NONE}: the lease is taken; {@link #FAULT}: no answer). */
    private Lookup looked(String remoteKey, byte[] key, byte[] marker, byte[] bytes, ValueType type) {
        RemoteValue value = isValue(bytes) ? decode(remoteKey, bytes, type) : null;
        String[] tags = value == null ? null : value.tags();
        boolean stale = tags != null && tier.tagsStale(counters, tags, value.tagsSince());
        return judged(key, marker, bytes, value, stale);
    }

    /**
     * The lookup of an answer, given the value it decoded to (null when it is no value or does not decode) and whether
     * that value's tags make it stale.
     */
    private Lookup judged(byte[] key, byte[] marker, byte[] bytes, @Nullable RemoteValue value, boolean stale) {
        if (bytes == FAULT) {
            return Lookup.unavailable();
        }
        if (bytes == NONE) {
            return Lookup.leased(Lease.onMiss(key, marker, this));
        }
        if (Lease.isMarker(bytes)) {
            return Lookup.heldElsewhere();
        }
        if (value != null && !stale) {
            return Lookup.found(value, null);
        }
        // Bytes that do not decode, or a value one of whose tags was invalidated after its load began: replaced by a
        // lease of this caller's only while the key still holds them, so a concurrent write or invalidation wins.
        byte[] leased = floored(marker, bytes);
        boolean taken = tier.call(
                counters, () -> tier.ops.replace(key, Sha1.hex(bytes), leased, tier.leaseTtlMillis), Boolean.FALSE);
        return taken ? Lookup.leased(Lease.onMiss(key, marker, this)) : Lookup.unavailable();
    }

    /**
     * The marker that replaces {@code replaced}: with the replaced value's stamp as its floor and a tombstone's expiry
     * (as a marker that replaced a tombstone has, see {@link LeaseScripts}), so that a write older than that value,
     * which a stalled connection delivers late, stays refused while the load runs and after a release; the bare marker
     * for bytes without a stamp.
     */
    private byte[] floored(byte[] marker, byte[] replaced) {
        byte[] stamp = Envelope.stamp(replaced);
        long version = stamp == null ? -1 : HybridClock.version(stamp);
        if (version < 0) {
            return marker;
        }
        byte[] expiry = Long.toString(tombstoneExpiry(version)).getBytes(StandardCharsets.US_ASCII);
        byte[] floored = new byte[marker.length + stamp.length + expiry.length];
        System.arraycopy(marker, 0, floored, 0, marker.length);
        System.arraycopy(stamp, 0, floored, marker.length, stamp.length);
        System.arraycopy(expiry, 0, floored, marker.length + stamp.length, expiry.length);
        return floored;
    }

    /**
     * The lease of a refresh-ahead, taken before it loads: on the value the key holds now (so any write, delete or
     * other store after this call refuses the refresh's store), or a miss's lease when the key is absent; {@link
     * Lookup#held()} when another JVM is loading the key.
     */
    public Lookup leaseToRefresh(String remoteKey) {
        byte[] key = bytes(remoteKey);
        byte[] marker = Lease.newMarker();
        byte[] bytes = tier.call(counters, () -> getOrLease(key, marker), FAULT);
        if (bytes == FAULT) {
            return Lookup.unavailable();
        }
        if (bytes == NONE) {
            return Lookup.leased(Lease.onMiss(key, marker, this));
        }
        return Lease.isMarker(bytes) ? Lookup.heldElsewhere() : Lookup.leased(Lease.onValue(key, bytes));
    }

    /**
     * Waits for the load of another JVM that holds the key's lease: looks again with backoff (5 ms doubling to 100 ms,
     * each pause taken in full, so an early wake-up never makes it poll faster) for at most {@code
     * larder.redis.leaseWait} (5 s by default).
     *
     * @return the holder's value; or a lease of this caller's when the holder gave up or vanished; or {@link
     *     Lookup#held()} when the wait ended without either (the time is up, or the thread is interrupted: then at once,
     *     with its interrupt flag kept); or {@link Lookup#unavailable()} on a fault
     */
    public Lookup awaitLoad(String remoteKey, ValueType type) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(tier.leaseMillis);
        long pause = POLL_FIRST_NANOS;
        while (pauseUninterrupted(pause, deadline)) {
            Lookup again = lookup(remoteKey, type);
            if (!again.held()) {
                return again;
            }
            pause = Math.min(POLL_MAX_NANOS, pause * 2);
        }
        return Lookup.heldElsewhere();
    }

    /** The bytes under the key, or {@link #NONE} after setting the key to the marker. */
    private byte[] getOrLease(byte[] key, byte[] marker) {
        byte[] bytes = tier.ops.getOrLease(key, marker, tier.leaseTtlMillis);
        return bytes == null ? NONE : bytes;
    }

    /** Pauses for {@code nanos}, at most until the deadline: false when interrupted or out of time. */
    private static boolean pauseUninterrupted(long nanos, long deadline) {
        long start = System.nanoTime();
        long until = deadline - start < nanos ? deadline : start + nanos;
        while (!Thread.currentThread().isInterrupted()) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return until != deadline;
            }
            LockSupport.parkNanos(left); // returns at once while interrupted, hence the check above
        }
        return false;
    }

    /** What became of a {@link #store}. */
    public enum Stored {
        /** The value is in Redis. */
        STORED,
        /** The lease was no longer current: a write, delete or other store came after it was taken. */
        REFUSED,
        /** Redis or the codec failed (counted); whether the lease is still current is unknown. */
        FAILED
    }

    /**
     * Stores a loaded value under its lease, atomic on the server: {@code SET … PX} only while the key still holds what
     * it held when the lease was taken, so no load ever overwrites a newer write or invalidation.
     */
    public Stored store(Lease lease, @Nullable Object value, long ttlNanos, long loadNanos) {
        byte[] bytes = encode(value, lease, loadNanos);
        if (bytes == null) {
            return Stored.FAILED;
        }
        long ttlMillis = ttlMillis(ttlNanos);
        noteTtl(ttlMillis);
        Boolean stored =
                tier.call(counters, () -> tier.ops.replace(lease.key, lease.expectedSha1, bytes, ttlMillis), null);
        if (stored == null) {
            return Stored.FAILED;
        }
        String[] tags = lease.tags;
        if (stored && tags != null && tier.tagsStale(counters, tags, lease.tagsSince)) {
            // A tag was invalidated (in any JVM) after the load began: the value stays hidden in Redis, and callers of
            // this JVM that joined the load, possibly after that invalidation returned, run the method themselves.
            return Stored.REFUSED;
        }
        return stored ? Stored.STORED : Stored.REFUSED;
    }

    /**
     * {@link #store} of many values under their leases, with one round trip for all of them; the answers in order.
     *
     * @param loadNanos how long each value took to load
     */
    public List<Stored> storeAll(List<Lease> leases, List<@Nullable Object> values, long ttlNanos, long[] loadNanos) {
        List<byte @Nullable []> encoded = new ArrayList<>(leases.size());
        List<byte[]> keys = new ArrayList<>();
        List<String> sha1s = new ArrayList<>();
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < leases.size(); i++) {
            Lease lease = leases.get(i);
            byte[] bytes = encode(values.get(i), lease, loadNanos[i]);
            encoded.add(bytes);
            if (bytes != null) {
                keys.add(lease.key);
                sha1s.add(lease.expectedSha1);
                sent.add(bytes);
            }
        }
        long ttlMillis = ttlMillis(ttlNanos);
        noteTtl(ttlMillis);
        List<Boolean> replies = keys.isEmpty()
                ? List.of()
                : tier.call(counters, () -> tier.ops.replaceAll(keys, sha1s, sent, ttlMillis), null);
        List<Stored> stored = new ArrayList<>(leases.size());
        int next = 0;
        for (byte[] bytes : encoded) {
            if (bytes == null || replies == null) {
                stored.add(Stored.FAILED);
            } else {
                stored.add(replies.get(next++) ? Stored.STORED : Stored.REFUSED);
            }
        }
        return stored;
    }

    /**
     * Gives a lease up without storing (the load failed or its result is not cached), so that another JVM waiting for
     * it stops waiting: removes the marker if it is still this lease's.
     *
     * @return whether the lease was still current: no write, delete or other store reached the key since; false on a
     *     fault, and for a refresh's lease on a value, which put no marker: nothing to remove, nothing learnt (its
     *     waiters then run the method, as after a fault)
     */
    public boolean release(Lease lease) {
        byte[] marker = lease.marker;
        if (marker == null) {
            return false;
        }
        return tier.call(counters, () -> tier.ops.compareAndDelete(lease.key, marker), Boolean.FALSE);
    }

    /** {@link #release} of many leases, in one round trip; the answers in order. */
    public List<Boolean> releaseAll(List<Lease> leases) {
        List<byte[]> keys = new ArrayList<>(leases.size());
        List<byte[]> markers = new ArrayList<>(leases.size());
        for (Lease lease : leases) {
            if (lease.marker != null) {
                keys.add(lease.key);
                markers.add(lease.marker);
            }
        }
        List<Boolean> released = keys.isEmpty()
                ? List.of()
                : tier.call(counters, () -> tier.ops.compareAndDeleteAll(keys, markers), null);
        List<Boolean> held = new ArrayList<>(leases.size());
        int next = 0;
        for (Lease lease : leases) {
            held.add(lease.marker != null && released != null && released.get(next++));
        }
        return held;
    }

    /**
     * Whether the lease is still current: the key holds what it held when the lease was taken, so no write, delete or
     * other store reached Redis since. False on a fault.
     */
    public boolean holds(Lease lease) {
        byte[] bytes = tier.call(counters, () -> tier.ops.get(lease.key), null);
        if (bytes == null) {
            return false;
        }
        byte[] marker = lease.marker;
        if (marker != null && Lease.isMarker(bytes) && bytes.length > marker.length) {
            bytes = Arrays.copyOf(bytes, marker.length); // a marker with a floor: the lease's own marker, floored
        }
        return Sha1.hex(bytes).equals(lease.expectedSha1);
    }

    /**
     * Invalidates a value stored under a lease whose load an invalidation or write in this JVM superseded after it
     * stored: their own Redis call normally replaces it, and this covers one that failed. At worst it costs another JVM
     * a miss.
     */
    public void withdraw(Lease lease) {
        tombstone(lease.key);
    }

    /**
     * Stores a written value, versioned now (after the system of record took it): set with its expiry (its version's
     * time plus the TTL) unless the key holds a newer version. It replaces whatever else the key held, a lease marker
     * too, so every load of the key under way can no longer store. A write Redis refuses while this caller still waits
     * (another JVM's write of the key came so close that their clocks may have ordered the two wrongly) is followed by
     * an invalidation newer than both, here and in Redis: a miss, rather than a value that may be the older one.
     *
     * @return whether Redis now holds this value or a tombstone newer than it; a fault is counted
     */
    public boolean write(String remoteKey, @Nullable Object value, long ttlNanos, long loadNanos) {
        long version = HybridClock.next();
        byte[] bytes = encode(value, version, loadNanos);
        if (bytes == null) {
            return false;
        }
        long ttlMillis = ttlMillis(ttlNanos);
        noteTtl(ttlMillis);
        long expiresAt = ttlMillis == 0 ? 0 : HybridClock.millis(version) + ttlMillis;
        byte[] key = bytes(remoteKey);
        byte[] held = tier.call(counters, () -> tier.ops.writeIfNewer(key, bytes, expiresAt), FAULT);
        if (held == FAULT) {
            return false;
        }
        if (held == null) {
            return true;
        }
        HybridClock.observe(HybridClock.version(held));
        dropLocal(encodedPart(remoteKey)); // this JVM's L1 copy may be the older one too
        return tombstone(key);
    }

    /**
     * Invalidates one Redis key: a tombstone of a version taken now replaces the value and any lease marker (so every
     * load of the key under way can no longer store) and refuses every older write that arrives later; whether that
     * succeeded.
     */
    public boolean delete(String remoteKey) {
        return tombstone(bytes(remoteKey));
    }

    /**
     * Sets a tombstone of a new version; when Redis holds a newer one (another JVM's clock is ahead), once more with a
     * version past it.
     */
    private boolean tombstone(byte[] key) {
        for (int attempt = 0; attempt < 2; attempt++) {
            long version = HybridClock.next();
            long expiresAt = tombstoneExpiry(version);
            byte[] tombstone = Envelope.tombstone(version, expiresAt);
            byte[] held = tier.call(counters, () -> tier.ops.writeIfNewer(key, tombstone, expiresAt), FAULT);
            if (held == FAULT) {
                return false;
            }
            if (held == null) {
                return true;
            }
            HybridClock.observe(HybridClock.version(held));
        }
        return false;
    }

    /**
     * When a tombstone of {@code version} expires: at its time plus the longest TTL this JVM gave a value of the cache
     * (before any, {@link #DEFAULT_TOMBSTONE_MILLIS}); never once a value without expiry was given. A write older than
     * the tombstone with at most that TTL expires at its own time plus its TTL, which is no later: refused while the
     * tombstone lives, expired on arrival after.
     */
    private long tombstoneExpiry(long version) {
        long longest = longestTtlMillis.get();
        if (longest == FOREVER) {
            return 0;
        }
        return HybridClock.millis(version) + (longest == 0 ? DEFAULT_TOMBSTONE_MILLIS : longest);
    }

    private void noteTtl(long ttlMillis) {
        long ttl = ttlMillis == 0 ? FOREVER : ttlMillis;
        if (ttl > longestTtlMillis.get()) {
            longestTtlMillis.accumulateAndGet(ttl, Math::max);
        }
    }

    /**
     * The bytes a load stores under its lease: tagged, with the tag clock reading the lease took, for a tagged method's
     * value; null when they cannot be made (counted), or when that reading failed: such a value is not stored.
     */
    private byte @Nullable [] encode(@Nullable Object value, Lease lease, long loadNanos) {
        String[] tags = lease.tags;
        if (tags == null) {
            return encode(value, lease.version, loadNanos);
        }
        long since = lease.tagsSince;
        if (since < 0) {
            return null; // the clock read failed and was counted: a value that cannot be checked is not stored
        }
        try {
            return Envelope.wrapTagged(
                    tier.codec, value, lease.version, System.currentTimeMillis(), loadNanos, since, tags);
        } catch (Exception | LinkageError e) {
            counters.backendError();
            tier.log("Cache '" + name + "' cannot encode a tagged value", e);
            return null;
        }
    }

    /** The Redis tag clock now, read before a tagged load runs; {@link Lease#UNKNOWN} on a fault (counted). */
    long tagClock() {
        return tier.tagClock(counters);
    }

    private byte @Nullable [] encode(@Nullable Object value, long version, long loadNanos) {
        try {
            return Envelope.wrap(tier.codec, value, version, System.currentTimeMillis(), loadNanos);
        } catch (Exception | LinkageError e) {
            counters.backendError();
            tier.log(
                    "Cache '" + name + "' cannot encode a value of "
                            + value.getClass().getName(),
                    e);
            return null;
        }
    }

    private @Nullable RemoteValue decode(String remoteKey, byte[] bytes, ValueType type) {
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

    private static long ttlMillis(long ttlNanos) {
        return ttlNanos == Entry.NO_EXPIRY ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(ttlNanos));
    }

    /** Tells the other JVMs to drop their L1 copy of the key; whether Redis took the message. */
    public boolean publishKey(String remoteKey) {
        return tier.publish(counters, "K", remoteName, encodedPart(remoteKey));
    }

    /**
     * Starts a new generation, so every key of the cache is gone for every JVM: one atomic increment, no key scan. If
     * Redis cannot be reached, this JVM stops using Redis for the cache until the increment succeeds (retried on every
     * tick of the tier), so it never reads the old generation again.
     */
    public void invalidateAll() {
        allAsked.incrementAndGet();
        retryInvalidateAll(false);
    }

    /**
     * @param late whether the L1 must be dropped on success: true for a retry, since while it was pending this JVM
     *     loaded into its L1, and another JVM may have started a generation whose message this adoption then ignores
     */
    private void retryInvalidateAll(boolean late) {
        long asked = allAsked.get();
        long keptUpTo = stamps.get();
        long floor = floor(generation.get());
        long next = tier.call(counters, () -> tier.ops.nextGeneration(generationKey, floor), -1L);
        if (next < 0) {
            return;
        }
        adoptNewer(next, late);
        synchronized (this) {
            allDone = Math.max(allDone, asked);
        }
        kept.values().removeIf(stamp -> stamp <= keptUpTo); // their old values are in the old generation
        tier.publish(counters, "A", remoteName, Long.toString(next));
    }

    /**
     * The least generation a new one may have: above every number this JVM used, and from the clock in microseconds
     * ({@link HybridClock#micros}), so that a key lost in a restart, or restored from an older snapshot, never
     * brings back a number some JVM used before.
     */
    private static long floor(long known) {
        return Math.max(known + 1, HybridClock.micros());
    }

    /** Remembers which L1 key an encoded Redis key stands for (tiered only). */
    public void remember(String remoteKey, Object key) {
        if (tiered) {
            index.put(encodedPart(remoteKey), new Remembered(key, System.nanoTime()));
        }
    }

    /**
     * Remembers an L1 key this JVM is about to store itself (a write), so that other JVMs' writes and invalidations of
     * it drop it here too; call before the L1 store, so that no message can fall between the two (tiered only).
     */
    public void remember(Object key) {
        if (tiered) {
            try {
                index.put(KeyEncoder.encode(key), new Remembered(key, System.nanoTime()));
            } catch (IllegalArgumentException e) {
                // never in Redis, so no message names it; the call that needed Redis counted and logged it
            }
        }
    }

    /**
     * Drops the L1 copy of an encoded key that another JVM changed. The index entry stays (pruned later), so that a
     * message that arrives between this JVM's remembering of a key and its own store does not unregister the key.
     */
    void dropLocal(String encoded) {
        Remembered remembered = index.get(encoded);
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
        // The index is not cleared: a key registered just before the drop may be stored just after it, and must stay
        // findable by the next message. Entries whose L1 entry is gone are pruned after a grace period.
    }

    /** Another JVM started a new generation: messages may arrive out of order, so only a newer one counts. */
    void generationBumped(long next) {
        adoptNewer(next, true);
    }

    void refreshGeneration() {
        if (allPending()) {
            retryInvalidateAll(true);
            return;
        }
        fetchGeneration();
    }

    private long generation() {
        long gen = generation.get();
        return gen >= 0 ? gen : fetchGeneration();
    }

    /**
     * Re-reads the generation; Redis is authoritative. A missing key (a restart lost it) is created from the clock, a
     * number no JVM used; any other change is adopted and drops the L1, except a lower number than this JVM uses: that
     * is a restart from an older snapshot whose keys would come back, so the cache moves past both instead.
     */
    private long fetchGeneration() {
        long seen;
        synchronized (this) {
            seen = adoptions;
        }
        long fetched = tier.call(counters, () -> tier.ops.generation(generationKey, HybridClock.micros()), -1L);
        if (fetched < 0) {
            return generation.get();
        }
        long known;
        synchronized (this) {
            if (adoptions != seen) {
                return generation.get(); // a newer generation was adopted while this read ran
            }
            known = generation.get();
        }
        if (known >= 0 && fetched < known) {
            long next = tier.call(counters, () -> tier.ops.nextGeneration(generationKey, floor(known)), -1L);
            if (next >= 0) {
                adoptNewer(next, true);
            }
            return generation.get();
        }
        boolean changed;
        synchronized (this) {
            if (adoptions != seen) {
                return generation.get(); // a newer generation was adopted while this read ran
            }
            changed = generation.getAndSet(fetched) != fetched;
            adoptions++;
        }
        if (changed && known >= 0) {
            dropLocal(); // another JVM invalidated everything, or Redis restarted, and this one missed the message
        }
        return fetched;
    }

    private void adoptNewer(long next, boolean drop) {
        synchronized (this) {
            if (next <= generation.get()) {
                return;
            }
            generation.set(next);
            adoptions++;
        }
        if (drop) {
            dropLocal();
        }
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
