package dev.larder.internal.writebehind;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where the acknowledged writes of one {@code @WriteBehind} method outlive the JVM until the system of record has
 * them. The queue appends a write before {@code enqueue} returns and settles it once it is written, superseded by a
 * newer write of its key that was written, or dead-lettered. Writes an earlier JVM appended and never settled are
 * recovered and queued again, ahead of this JVM's writes. At-least-once: a write recovered after a crash may reach
 * the store a second time.
 */
public interface Journal extends AutoCloseable {

    /** Keeps nothing: writes pending at the JVM's death are lost. */
    Journal NONE = new Journal() {
        @Override
        public long append(Object key, @Nullable Object value) {
            return 0;
        }

        @Override
        public void settle(long sequence) {}

        @Override
        public List<Recovered> recover() {
            return List.of();
        }

        @Override
        public void close() {}
    };

    /**
     * Whether this journal recovers writes after it was opened, taking them over from JVMs that died (the Redis
     * journal); false by default.
     */
    default boolean takesOverLater() {
        return false;
    }

    /**
     * Records a write durably (as the fsync policy says) before the caller's write returns.
     *
     * @return the write's sequence number, positive and increasing, for {@link #settle}
     */
    long append(Object key, @Nullable Object value);

    /** The write with this sequence number no longer needs to be kept. */
    void settle(long sequence);

    /** The writes earlier JVMs appended and never settled, oldest first; each is settled like any other. */
    List<Recovered> recover();

    @Override
    void close();

    /**
     * A write recovered from the journal.
     *
     * @param encodedKey the key as {@link dev.larder.internal.key.KeyEncoder} encodes it: what identifies the key
     *     across JVMs
     */
    record Recovered(
            long sequence, String encodedKey, @Nullable Object value) {}
}
