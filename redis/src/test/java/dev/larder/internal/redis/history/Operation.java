package dev.larder.internal.redis.history;

/**
 * One operation of a history, as a worker recorded it.
 *
 * <p>Two clocks, see {@link HistoryChecker} for why: {@code startTick}/{@code endTick} come from one counter in the
 * system of record, taken (an {@code INCR}) just before the operation began and just after it ended, so that {@code
 * a.endTick < b.startTick} proves that {@code a} ended before {@code b} began, in whatever JVM each ran; {@code
 * startNanos}/{@code endNanos} are wall-clock nanoseconds (see {@link WallClock}), used only to measure a staleness
 * bound of seconds.
 *
 * @param kind what the operation was
 * @param key the key (an id of the small key space)
 * @param version for a read the version it returned; for a write or invalidation the version it wrote to the store;
 *     -1 for a failed operation
 * @param worker the JVM and thread, for example histories ({@code "w1-t3"})
 * @param via for a read where its value came from ({@code hit}, {@code load}, {@code joined}, {@code own-write} or {@code redis}, see
 *     {@link HistoryWorker}) and the load or write that produced it ({@code "load w0-t2#17"}); empty for an update
 * @param error the exception a caller saw, or empty
 */
public record Operation(
        Kind kind,
        int key,
        long version,
        long startTick,
        long endTick,
        long startNanos,
        long endNanos,
        String worker,
        String via,
        String error) {

    public enum Kind {
        /** A call of the cached method. */
        READ,
        /** A store update followed by the write-through of the new version. */
        WRITE,
        /** A store update followed by the invalidation of the key. */
        INVALIDATE
    }

    /** One line, tab-separated, as {@link #parse} reads it. */
    public String line() {
        return kind + "\t" + key + "\t" + version + "\t" + startTick + "\t" + endTick + "\t" + startNanos + "\t"
                + endNanos + "\t" + worker + "\t" + via + "\t"
                + error.replace('\t', ' ').replace('\n', ' ');
    }

    public static Operation parse(String line) {
        String[] f = line.split("\t", -1);
        return new Operation(
                Kind.valueOf(f[0]),
                Integer.parseInt(f[1]),
                Long.parseLong(f[2]),
                Long.parseLong(f[3]),
                Long.parseLong(f[4]),
                Long.parseLong(f[5]),
                Long.parseLong(f[6]),
                f[7],
                f[8],
                f[9]);
    }

    public boolean failed() {
        return !error.isEmpty();
    }

    /** For example histories: the wall-clock times in seconds after {@code originNanos}. */
    public String describe(long originNanos) {
        return String.format(
                java.util.Locale.ROOT,
                "%-10s %-6s key=%d v=%d ticks=[%d,%d] t=%.3f..%.3fs%s%s",
                kind,
                worker,
                key,
                version,
                startTick,
                endTick,
                (startNanos - originNanos) / 1e9,
                (endNanos - originNanos) / 1e9,
                via.isEmpty() ? "" : " via " + via,
                failed() ? " error=" + error : "");
    }
}
