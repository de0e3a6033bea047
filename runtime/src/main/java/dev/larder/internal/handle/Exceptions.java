package dev.larder.internal.handle;

/** Rethrows a method's own exception unchanged, checked or not, through code that cannot declare it. */
public final class Exceptions {
    private Exceptions() {}

    /**
     * Throws {@code failure} as it is. Declared to return an exception so that callers can write {@code throw
     * sneakyThrow(t)} and keep the compiler's flow analysis.
     */
    public static RuntimeException sneakyThrow(Throwable failure) {
        throw Exceptions.<RuntimeException>unchecked(failure);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T unchecked(Throwable failure) throws T {
        throw (T) failure;
    }
}
