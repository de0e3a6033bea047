package dev.larder.internal.writebehind.journal;

/**
 * A journal could not keep a write (Redis unreachable, the disk full or failing): the write is not journalled, and
 * whoever acknowledges it must write it to the system of record before the call returns.
 */
public final class JournalUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
