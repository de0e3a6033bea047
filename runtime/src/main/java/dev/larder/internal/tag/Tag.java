package dev.larder.internal.tag;

import java.util.concurrent.atomic.AtomicLong;

/** One tag and when it was last invalidated, on {@link TagClock}'s scale (0: never). Thread-safe. */
public final class Tag {
    private final String name;
    private final AtomicLong invalidatedAt = new AtomicLong();

    Tag(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** When the tag was last invalidated; 0 when it never was. */
    long invalidatedAt() {
        return invalidatedAt.get();
    }

    /** Records an invalidation at {@code at}; a later one already recorded stands. */
    void invalidated(long at) {
        invalidatedAt.accumulateAndGet(at, Math::max);
    }

    @Override
    public String toString() {
        return name;
    }
}
