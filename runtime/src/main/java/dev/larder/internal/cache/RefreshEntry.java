package dev.larder.internal.cache;

import org.jspecify.annotations.Nullable;

/**
 * An entry of a cache that a refresh-ahead method reads: it also keeps its write time (the entry's age decides when a
 * refresh is due) and its load time (XFetch's weight), and the size advisor's sample of the key. 48 bytes with compressed references.
 */
final class RefreshEntry extends Entry {
    private final long writtenAt;
    private final long loadNanos;
    private final int sample;

    RefreshEntry(@Nullable Object value, long writtenAt, long ttlNanos, long loadNanos, int sample) {
        super(value, writtenAt, ttlNanos);
        this.writtenAt = writtenAt;
        this.loadNanos = loadNanos;
        this.sample = sample;
    }

    @Override
    public long writtenAt() {
        return writtenAt;
    }

    @Override
    public long loadNanos() {
        return loadNanos;
    }

    @Override
    int sample() {
        return sample;
    }
}
