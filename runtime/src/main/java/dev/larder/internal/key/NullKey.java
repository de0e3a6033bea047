package dev.larder.internal.key;

/** The key of a single-value template whose value is null; distinct from every value, including "null". */
final class NullKey {
    static final NullKey INSTANCE = new NullKey();

    private NullKey() {}

    @Override
    public String toString() {
        return "null";
    }
}
