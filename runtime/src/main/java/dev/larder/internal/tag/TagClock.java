package dev.larder.internal.tag;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tags of this JVM and the clock their invalidations are ordered on. An invalidation advances the clock and
 * records the new reading on the tag; a load reads the clock before its method runs ({@link #now}) and stamps its
 * value with that reading ({@link #stamp}). A value is stale when one of its tags was invalidated at a later reading:
 * an invalidation that began after the load read the clock, or one still under way then. Thread-safe.
 *
 * <p>A tag, once seen, is kept for the life of the JVM (one small object per distinct tag), since an entry stamped
 * before an invalidation must find it.
 */
public final class TagClock {
    private static final AtomicLong CLOCK = new AtomicLong();
    private static final ConcurrentHashMap<String, Tag> TAGS = new ConcurrentHashMap<>();

    private TagClock() {}

    /** The reading a load takes before its method runs. */
    public static long now() {
        return CLOCK.get();
    }

    /** The stamp of a value whose load read {@link #now} as {@code since}, carrying {@code names}. */
    public static TagStamp stamp(long since, String[] names) {
        Tag[] tags = new Tag[names.length];
        for (int i = 0; i < names.length; i++) {
            tags[i] = tag(names[i]);
        }
        return new TagStamp(since, tags);
    }

    /**
     * Makes every value carrying {@code name} stale, in every cache of this JVM, including values of loads under way.
     *
     * @throws NullPointerException when {@code name} is null
     */
    public static void invalidate(String name) {
        Tag tag = tag(Objects.requireNonNull(name, "tag"));
        tag.invalidated(CLOCK.incrementAndGet());
    }

    private static Tag tag(String name) {
        Tag tag = TAGS.get(name);
        return tag != null ? tag : TAGS.computeIfAbsent(name, Tag::new);
    }
}
