package dev.larder.internal.cache;

import dev.larder.internal.tag.TagStamp;
import org.jspecify.annotations.Nullable;

/**
 * An entry of a tagged method's value: it also keeps the tags' stamp, which a hit of that method checks. Read only by
 * tagged methods, so untagged entries stay {@link Entry}'s size. A tagged method never refreshes ahead, so it keeps
 * no write time; it keeps the size advisor's sample of the key. 32 bytes with compressed references.
 */
final class TaggedEntry extends Entry {
    private final TagStamp tags;
    private final int sample;

    TaggedEntry(@Nullable Object value, long writtenAt, long ttlNanos, int sample, TagStamp tags) {
        super(value, writtenAt, ttlNanos);
        this.tags = tags;
        this.sample = sample;
    }

    TagStamp tags() {
        return tags;
    }

    @Override
    public boolean staleByTag() {
        return tags.stale();
    }

    @Override
    int sample() {
        return sample;
    }
}
