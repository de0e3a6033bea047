package dev.larder.internal.key;

import java.util.Objects;

/** The key of a single-value template whose value is an array: deep, by-value equality and hash. */
final class ArrayKey {
    private final Object array;
    private final int hash;

    ArrayKey(Object array) {
        this.array = array;
        this.hash = CompositeKey.hash(array);
    }

    Object array() {
        return array;
    }

    @Override
    public boolean equals(Object o) {
        return o == this
                || (o instanceof ArrayKey other && hash == other.hash && Objects.deepEquals(array, other.array));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return CompositeKey.text(array);
    }
}
