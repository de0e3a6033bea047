package dev.larder.internal.writebehind.journal;

import dev.larder.Codec;
import dev.larder.ValueType;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns a journalled value into bytes and back through the codec Redis values go through, decoding into the declared
 * type of the method's value only, so that the bytes in a journal never choose which class is instantiated. A null
 * value has no bytes.
 */
public final class ValueBytes {
    private final Codec codec;
    private final ValueType type;

    public ValueBytes(Codec codec, ValueType type) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * The bytes of a value, or {@code null} for a null value.
     *
     * @throws IllegalArgumentException when the codec cannot encode the value
     */
    public byte @Nullable [] encode(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        try {
            return codec.encode(value);
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "the write-behind journal cannot encode a value of "
                            + value.getClass().getName() + " with "
                            + codec.getClass().getName() + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * The value of bytes {@link #encode} wrote, or {@code null} for none.
     *
     * @throws Exception when the bytes are not a value of the declared type
     */
    public @Nullable Object decode(byte @Nullable [] bytes) throws Exception {
        return bytes == null ? null : codec.decode(bytes, type);
    }

    /** The declared type values are decoded into. */
    public ValueType type() {
        return type;
    }
}
