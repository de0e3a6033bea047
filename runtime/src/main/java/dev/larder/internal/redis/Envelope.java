package dev.larder.internal.redis;

import dev.larder.Codec;
import dev.larder.ValueType;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The bytes Larder stores under a Redis key: a header (magic {@code 'L'}, version, a null flag, the write time in
 * epoch milliseconds and the load time in nanoseconds, for refresh-ahead) followed by the codec's bytes. Bytes without
 * the header were not written by Larder and decode to nothing.
 */
final class Envelope {
    private static final byte MAGIC = 'L';
    private static final byte VERSION = 1;
    private static final byte NULL = 1;
    private static final int HEADER = 19;

    private Envelope() {}

    static byte[] wrap(Codec codec, @Nullable Object value, long writtenAtMillis, long loadNanos) throws Exception {
        byte[] body = value == null ? new byte[0] : codec.encode(value);
        ByteBuffer out = ByteBuffer.allocate(HEADER + body.length);
        out.put(MAGIC).put(VERSION).put(value == null ? NULL : 0);
        out.putLong(writtenAtMillis).putLong(loadNanos).put(body);
        return out.array();
    }

    /**
     * The value held by the bytes.
     *
     * @throws IllegalArgumentException when the bytes were not written by Larder
     * @throws Exception what the codec throws for bytes that are not a value of the type
     */
    static RemoteValue unwrap(Codec codec, byte[] bytes, ValueType type) throws Exception {
        if (bytes.length < HEADER || bytes[0] != MAGIC || bytes[1] != VERSION) {
            throw new IllegalArgumentException("the bytes under the key were not written by Larder");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(2);
        boolean isNull = in.get() == NULL;
        long writtenAt = in.getLong();
        long loadNanos = in.getLong();
        if (isNull) {
            return new RemoteValue(null, writtenAt, loadNanos);
        }
        byte[] body = new byte[bytes.length - HEADER];
        in.get(body);
        return new RemoteValue(codec.decode(body, type), writtenAt, loadNanos);
    }
}
