package dev.larder.benchmarks;

/** A contender ready to call, and what to close after the run (a Spring context, say). */
public record Subject(Lookup lookup, AutoCloseable resources) implements AutoCloseable {
    public static Subject of(Lookup lookup) {
        return new Subject(lookup, () -> {});
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
