package dev.larder.benchmarks;

/** A contender ready to call, and what to close after the run (a Spring context, say). */
public record Subject(Lookup lookup, Resources resources) implements AutoCloseable {
    /** What a contender holds open; closing it throws no checked exception. */
    @FunctionalInterface
    public interface Resources {
        void close();
    }

    public static Subject of(Lookup lookup) {
        return new Subject(lookup, () -> {});
    }

    @Override
    public void close() {
        resources.close();
    }
}
