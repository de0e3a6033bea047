package dev.larder.internal.tag;

import java.util.Arrays;

/**
 * The tags of one stored value and the {@link TagClock} reading taken before the load that produced it ran: the value
 * is stale once one of the tags is invalidated after that reading. Immutable.
 */
public final class TagStamp {
    private final long since;
    private final Tag[] tags;

    TagStamp(long since, Tag[] tags) {
        this.since = since;
        this.tags = tags;
    }

    /** Whether a tag was invalidated after the load began. Read on every hit of a tagged method: no allocation. */
    public boolean stale() {
        for (Tag tag : tags) {
            if (tag.invalidatedAt() > since) {
                return true;
            }
        }
        return false;
    }

    /** The names of the tags, in order: what a remote tier stores beside the value. */
    public String[] names() {
        String[] names = new String[tags.length];
        for (int i = 0; i < tags.length; i++) {
            names[i] = tags[i].name();
        }
        return names;
    }

    @Override
    public String toString() {
        return Arrays.toString(tags) + "@" + since;
    }
}
