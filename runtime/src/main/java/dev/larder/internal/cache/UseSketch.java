package dev.larder.internal.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/*
 * How often each key of a warmed cache is looked up, estimated in bounded memory, for the warm-restart ranking
 * (LocalCache.hottest). Caffeine's own sketch cannot serve: it is sized only once the cache is half full, and a cache
 * far below its maximum, the usual case, has every frequency at 0.
 *
 * A count-min sketch of 4 rows of 4-bit counters, 16 counters to a long. A key has one counter in each row, chosen by a
 * hash of its own per row; its estimate is the smallest of the four, which other keys' counts can only raise.
 * An increment raises only the counters equal to that smallest (conservative update), so a hot key sharing a counter
 * inflates a cold one's estimate less. A counter stops at 15.
 *
 * Aging. After `period` increments that raised a counter, every counter is halved, so the ranking follows the recent
 * past and the 15 ceiling keeps apart the keys that matter: the period is sized from the number of keys recorded
 * (16 increments per recorded key), so that the key at the cut of the ranking has a count near the middle of the
 * counter's range. A row has a counter for each increment of a period, since a period cannot count more distinct keys,
 * but no more than twice the cache's maximum size, and no more than 2^20 (2 MB for the four rows).
 *
 * Concurrency. Increments read and write the longs with opaque accesses and no lock: two racing increments of the
 * same long may lose one of them, and an increment racing a halving may undo it for its 16 counters. Both only blur
 * an estimate a little. A counter at 15 is not written again, so the hottest keys' lookups from many threads do not
 * bounce a cache line between cores. The increment count is racy too, except that one thread alone halves.
 */
/** The lookup frequencies of one warmed cache's keys: a count-min sketch of 4-bit counters, halved periodically. */
final class UseSketch {
    static final int MAX_COUNT = 15;
    /** Increments (that raised a counter) per recorded key before every counter is halved; see the notes at the top. */
    private static final int PERIOD_PER_KEY = 16;

    private static final int MAX_ROW_BITS = 20;
    private static final int ROWS = 4;
    private static final long[] SEEDS = {
        0x9E3779B97F4A7C15L, 0xC2B2AE3D27D4EB4FL, 0x165667B19E3779F9L, 0xD6E8FEB86659FD93L
    };
    private static final long LOW_THREE_BITS = 0x7777_7777_7777_7777L;
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle ADDITIONS;

    static {
        try {
            ADDITIONS = MethodHandles.lookup().findVarHandle(UseSketch.class, "additions", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long[] table;
    private final int rowBits;
    private final int period;
    /** Increments that raised a counter since the last halving (racy; see the notes at the top). */
    @SuppressWarnings("unused") // through ADDITIONS
    private volatile int additions;

    /**
     * @param recorded how many keys a shutdown records (the cache's {@code warm}), at least 1
     * @param maxSize the cache's maximum size
     */
    UseSketch(int recorded, long maxSize) {
        long distinct = Math.min(Math.max(maxSize, recorded), 1L << MAX_ROW_BITS); // no overflow below
        long wanted = Math.max(64, Math.min((long) recorded * PERIOD_PER_KEY, distinct * 2));
        this.rowBits = Math.min(MAX_ROW_BITS, 64 - Long.numberOfLeadingZeros(wanted - 1));
        this.table = new long[(ROWS << rowBits) / 16];
        this.period = (int) Math.min(Integer.MAX_VALUE / 2, (long) recorded * PERIOD_PER_KEY);
    }

    /** Counts one lookup of the key. Lock-free; called on each lookup of a warmed cache, hit or miss. */
    void increment(Object key) {
        long hash = spread(key.hashCode());
        int least = MAX_COUNT;
        for (int row = 0; row < ROWS; row++) {
            least = Math.min(least, count(index(hash, row)));
        }
        if (least == MAX_COUNT) {
            return;
        }
        for (int row = 0; row < ROWS; row++) {
            int index = index(hash, row);
            if (count(index) == least) {
                long word = (long) LONGS.getOpaque(table, index >>> 4);
                LONGS.setOpaque(table, index >>> 4, word + (1L << ((index & 15) << 2)));
            }
        }
        int added = (int) ADDITIONS.getAndAdd(this, 1) + 1;
        if (added == period) {
            halve();
        }
    }

    /** The estimated number of recent lookups of the key, 0 to {@value #MAX_COUNT}. */
    int estimate(Object key) {
        long hash = spread(key.hashCode());
        int least = MAX_COUNT;
        for (int row = 0; row < ROWS; row++) {
            least = Math.min(least, count(index(hash, row)));
        }
        return least;
    }

    /** Only the thread whose increment reached the period gets here, so halvings do not pile up. */
    private void halve() {
        for (int i = 0; i < table.length; i++) {
            long word = (long) LONGS.getOpaque(table, i);
            LONGS.setOpaque(table, i, (word >>> 1) & LOW_THREE_BITS);
        }
        ADDITIONS.getAndAdd(this, -period);
    }

    private int count(int index) {
        long word = (long) LONGS.getOpaque(table, index >>> 4);
        return (int) (word >>> ((index & 15) << 2)) & MAX_COUNT;
    }

    /** The key's counter in the row: an index into the whole table, row by row. */
    private int index(long hash, int row) {
        long h = (hash + SEEDS[row]) * SEEDS[(row + 1) & 3];
        int inRow = (int) (h >>> (64 - rowBits));
        return (row << rowBits) | inRow;
    }

    private static long spread(int hashCode) {
        long h = hashCode * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }
}
