package dev.larder.internal.cache;

import org.jspecify.annotations.Nullable;

/**
 * One cached value with what expiry and refresh-ahead need to know about it. Immutable; identity matters, because a
 * conditional removal ({@code remove(key, entry)}) must only ever remove the entry it was meant for.
 */
public final class Entry {
    /** Marks an entry that never expires. */
    public static final long NO_EXPIRY = Long.MAX_VALUE;

    final @Nullable Object value;
    final long writtenAt;
    final long expiresAt;
    final long loadNanos;
    final int epoch;

    Entry(@Nullable Object value, long writtenAt, long ttlNanos, long loadNanos, int epoch) {
        this.value = value;
        this.writtenAt = writtenAt;
        this.expiresAt =
                ttlNanos == NO_EXPIRY || writtenAt > Long.MAX_VALUE - ttlNanos ? NO_EXPIRY : writtenAt + ttlNanos;
        this.loadNanos = loadNanos;
        this.epoch = epoch;
    }

    public @Nullable Object value() {
        return value;
    }

    /** When the value was stored, on {@link dev.larder.internal.clock.CoarseTicker}'s scale. */
    public long writtenAt() {
        return writtenAt;
    }

    /** When the entry expires, on {@link dev.larder.internal.clock.CoarseTicker}'s scale; {@link #NO_EXPIRY} never. */
    public long expiresAt() {
        return expiresAt;
    }

    /** Whether the entry has outlived its TTL at {@code now} (a {@link dev.larder.internal.clock.CoarseTicker} time). */
    boolean expiredAt(long now) {
        return now >= expiresAt;
    }

    /** How long the load that produced the value took; 0 for values that were written, not loaded. */
    public long loadNanos() {
        return loadNanos;
    }
}
