package dev.larder.internal.cache;

import org.jspecify.annotations.Nullable;

/**
 * One cached value with what expiry needs to know about it. Immutable; identity matters, because a conditional removal
 * ({@code remove(key, entry)}) must only ever remove the entry it was meant for.
 *
 * <p>24 bytes with compressed references: the header, the value and the deadline. Nothing else is needed on every
 * entry: invalidate-all replaces the whole map rather than marking entries (see {@link LocalCache}), and the size
 * advisor's sample of the key is kept only by the entries of sampled keys ({@link SampledEntry}, 32 bytes). The entries
 * of a cache read by a refresh-ahead method also keep their write time and load time ({@link RefreshEntry}, 48 bytes),
 * and the entries of a tagged method their tags ({@link TaggedEntry}, 32 bytes); those two keep the sample too, as a
 * field of their own. The others do without, so a plain cache pays for none of it.
 */
public sealed class Entry permits SampledEntry, RefreshEntry, TaggedEntry {
    /** Marks an entry that never expires. */
    public static final long NO_EXPIRY = Long.MAX_VALUE;
    /** {@link #writtenAt()} of an entry that does not keep its write time. */
    public static final long UNKNOWN = Long.MIN_VALUE;

    final @Nullable Object value;
    final long expiresAt;

    Entry(@Nullable Object value, long writtenAt, long ttlNanos) {
        this.value = value;
        this.expiresAt =
                ttlNanos == NO_EXPIRY || writtenAt > Long.MAX_VALUE - ttlNanos ? NO_EXPIRY : writtenAt + ttlNanos;
    }

    public @Nullable Object value() {
        return value;
    }

    /**
     * When the value was stored, on {@link dev.larder.internal.clock.CoarseTicker}'s scale; {@link #UNKNOWN} for an
     * entry stored before any refresh-ahead method read its cache (see {@link LocalCache#keepWriteTimes()}).
     */
    public long writtenAt() {
        return UNKNOWN;
    }

    /** When the entry expires, on {@link dev.larder.internal.clock.CoarseTicker}'s scale; {@link #NO_EXPIRY} never. */
    public long expiresAt() {
        return expiresAt;
    }

    /** Whether the entry has outlived its TTL at {@code now} (a {@link dev.larder.internal.clock.CoarseTicker} time). */
    boolean expiredAt(long now) {
        return now >= expiresAt;
    }

    /** Whether one of the value's tags was invalidated after its load began; false for an untagged value. */
    public boolean staleByTag() {
        return false;
    }

    /** How long the load that produced the value took; 0 for values that were written, not loaded, or not kept. */
    public long loadNanos() {
        return 0;
    }

    /**
     * The size advisor's sample of the key, decided when the entry is stored so that a hit need not hash the key; 0
     * when the key is not sampled (or the cache has no advisor), as for every plain entry.
     */
    int sample() {
        return 0;
    }
}
