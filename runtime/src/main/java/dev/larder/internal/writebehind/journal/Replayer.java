package dev.larder.internal.writebehind.journal;

import dev.larder.DeadLetterHandler;
import dev.larder.FailedWrite;
import dev.larder.internal.log.Logs;
import dev.larder.internal.writebehind.BatchWriter;
import dev.larder.internal.writebehind.Journal;
import dev.larder.internal.writebehind.Journal.Recovered;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Writes what a journal takes over from JVMs that died after this one's queue was built (the queue itself writes what
 * the journal recovered when it was opened): on the thread of a write of the method (the batch method needs the
 * object it belongs to), before that write is queued, looking at most once a {@link #CHECK_NANOS period}. Writes of
 * two JVMs have no order between them, so a taken-over write may land after a newer write of its key by this JVM.
 *
 * <p>A failing batch is split and each write retried alone, with a doubling backoff capped at 5 s, for up to {@link
 * #BUDGET_NANOS 5 minutes}; then it is dead-lettered. Writers of the method wait meanwhile: the store is down, and
 * letting them pass would let a newer value be overwritten by an older one. Once writes were replayed, the cache is
 * invalidated in every tier, since reads before the replay may have cached the values it replaced. Thread-safe.
 */
public final class Replayer {
    static final long CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long BUDGET_NANOS = TimeUnit.MINUTES.toNanos(5);
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final System.Logger LOGGER = Logs.get("dev.larder.writebehind");

    private final Journal journal;
    private final BatchWriter writer;
    private final int batchSize;
    private final String cache;
    private final Supplier<DeadLetterHandler> deadLetters;
    private final Runnable invalidateCache;
    private volatile long nextCheck = System.nanoTime() + CHECK_NANOS;

    /**
     * @param invalidateCache drops every entry of the method's cache in every tier
     */
    public Replayer(
            Journal journal,
            BatchWriter writer,
            int batchSize,
            String cache,
            Supplier<DeadLetterHandler> deadLetters,
            Runnable invalidateCache) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.batchSize = batchSize;
        this.cache = Objects.requireNonNull(cache, "cache");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.invalidateCache = Objects.requireNonNull(invalidateCache, "invalidateCache");
    }

    public Journal journal() {
        return journal;
    }

    /** Before a write of {@code target}'s method: replays what the journal recovered, when it is time to look. */
    public void beforeWrite(Object target) {
        if (System.nanoTime() - nextCheck >= 0) {
            replay(target);
        }
    }

    private synchronized void replay(Object target) {
        if (System.nanoTime() - nextCheck < 0) {
            return; // another writer replayed meanwhile
        }
        List<Recovered> writes = journal.recover();
        if (!writes.isEmpty()) {
            for (int from = 0; from < writes.size(); from += batchSize) {
                List<Recovered> batch = writes.subList(from, Math.min(writes.size(), from + batchSize));
                if (!write(target, batch)) {
                    for (Recovered write : batch) {
                        writeAlone(target, write);
                    }
                }
            }
            invalidateCache.run();
            LOGGER.log(
                    Level.INFO,
                    "Replayed " + writes.size() + " journalled write-behind writes of cache '" + cache + "'");
        }
        nextCheck = System.nanoTime() + CHECK_NANOS;
    }

    private boolean write(Object target, List<Recovered> batch) {
        List<Object> values = new ArrayList<>(batch.size());
        for (Recovered write : batch) {
            values.add(write.value());
        }
        try {
            writer.write(target, Collections.unmodifiableList(values));
        } catch (Throwable failure) {
            return false;
        }
        for (Recovered write : batch) {
            journal.settle(write.sequence());
        }
        return true;
    }

    private void writeAlone(Object target, Recovered write) {
        long deadline = System.nanoTime() + BUDGET_NANOS;
        long backoff = FIRST_BACKOFF_NANOS;
        boolean interrupted = false;
        try {
            for (int attempts = 1; ; attempts++) {
                Throwable cause;
                try {
                    writer.write(target, Collections.singletonList(write.value()));
                    journal.settle(write.sequence());
                    return;
                } catch (Throwable failure) {
                    cause = failure;
                }
                if (System.nanoTime() + backoff - deadline > 0) {
                    deadLetter(write, cause, attempts);
                    return;
                }
                interrupted |= sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_NANOS, backoff * 2);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void deadLetter(Recovered write, Throwable cause, int attempts) {
        journal.settle(write.sequence());
        try {
            deadLetters.get().deadLetter(new FailedWrite(cache, write.encodedKey(), write.value(), cause, attempts));
        } catch (Throwable failure) {
            LOGGER.log(
                    Level.WARNING,
                    "Dead-letter handler of cache '" + cache + "' threw; journalled write for key " + write.encodedKey()
                            + " dropped",
                    failure);
        }
    }

    /** Sleeps; returns whether it was interrupted (the caller carries on: giving up would lose a write). */
    private static boolean sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }
}
