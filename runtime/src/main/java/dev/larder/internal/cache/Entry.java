package dev.larder.internal.cache;

import dev.larder.internal.tag.TagStamp;
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
    /** The tags of a tagged method's value, null for an untagged one (read only by tagged methods). */
    final @Nullable TagStamp tags;

    Entry(@Nullable Object value, long writtenAt, long ttlNanos, long loadNanos, int epoch) {
        this(value, writtenAt, ttlNanos, loadNanos, epoch, null);
    }

    Entry(@Nullable Object value, long writtenAt, long ttlNanos, long loadNanos, int epoch, @Nullable TagStamp tags) {
        this.tags = tags;
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

    /** Whether one of the value's tags was invalidated after its load began; false for an untagged value. */
    public boolean staleByTag() {
        TagStamp stamp = tags;
        return stamp != null && stamp.stale();
    }

    /** When the value was stored, on {@link dev.larder.internal.clock.CoarseTicker}'s scale. */
    public long writtenAt() {
        return writtenAt;
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
