package dev.larder.internal.cache;

import dev.larder.internal.tag.TagStamp;
import org.jspecify.annotations.Nullable;

/**
 * An entry of a tagged method's value: it also keeps the tags' stamp, which a hit of that method checks. Read only by
 * tagged methods, so untagged entries stay {@link Entry}'s size. A tagged method never refreshes ahead, so it keeps
 * no write time.
 */
final class TaggedEntry extends Entry {
    private final TagStamp tags;

    TaggedEntry(@Nullable Object value, long writtenAt, long ttlNanos, int epoch, int sample, TagStamp tags) {
        super(value, writtenAt, ttlNanos, epoch, sample);
        this.tags = tags;
    }

    TagStamp tags() {
        return tags;
    }

    @Override
    public boolean staleByTag() {
        return tags.stale();
    }
}
