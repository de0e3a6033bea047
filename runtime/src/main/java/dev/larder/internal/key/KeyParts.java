package dev.larder.internal.key;

import org.jspecify.annotations.Nullable;

/** The parts of a local key, in template order: what warm restarts turn back into a method's arguments. */
public final class KeyParts {
    private KeyParts() {}

    /**
     * The parts of {@code key}: those of a {@link CompositeKey}; otherwise the key itself as the one part ({@code null}
     * for {@link Keys#NULL}). An array part stays wrapped, as no recorded key holds one.
     */
    public static @Nullable Object[] of(Object key) {
        if (key instanceof CompositeKey composite) {
            Object[] parts = new Object[composite.size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = composite.part(i);
            }
            return parts;
        }
        return new Object[] {key == Keys.NULL ? null : key};
    }
}
