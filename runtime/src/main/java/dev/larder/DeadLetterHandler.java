package dev.larder;

import dev.larder.internal.log.Logs;
import java.lang.System.Logger.Level;

/**
 * Receives the {@code @WriteBehind} writes that were given up: still failing when older than {@code
 * larder.writeBehind.maxAge}, or rejected {@code 1 + maxRetries} times while the system of record accepted other
 * writes. When the write was its key's latest, the key has been removed from every tier of the cache before the
 * handler is called, so reads load what the system of record holds.
 *
 * <p>Called on a write-behind worker thread (or on the thread calling {@code Larder.flush()} or {@code
 * Larder.shutdown()}), once per given-up write, never concurrently for one write-behind method. A handler should
 * return quickly: the writes queued behind it wait. It must not throw; if it does, the throwable is logged and
 * dropped, and the write is lost.
 *
 * <p>The default, {@link #logging()}, logs each write at {@code WARNING}. Replace it to park failed writes
 * somewhere they can be replayed.
 */
@FunctionalInterface
public interface DeadLetterHandler {

    /** Takes one write that will not be tried again. */
    void deadLetter(FailedWrite write);

    /**
     * The default handler: logs a {@code WARNING} through {@link System.Logger} (logger {@code dev.larder.writebehind})
     * naming the cache, the key, the number of attempts and the cause, with the cause's stack trace.
     */
    static DeadLetterHandler logging() {
        return DeadLetterHandler::logWarning;
    }

    private static void logWarning(FailedWrite write) {
        Logs.get("dev.larder.writebehind")
                .log(
                        Level.WARNING,
                        () -> "Write-behind write to cache '" + write.cache() + "' for key " + write.key()
                                + " failed after " + write.attempts() + " attempts and was dropped: " + write.cause(),
                        write.cause());
    }
}
