package dev.larder.internal.redis;

import dev.larder.Codec;
import dev.larder.ValueType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The bytes Larder stores under a Redis key. A value: magic {@code 'L'}, format 2, a kind byte (value or null), the
 * write's version stamp ({@link HybridClock}, {@value HybridClock#STAMP_LENGTH} ASCII bytes at offset 3, where the
 * scripts of {@link LeaseScripts} read it), the write time in epoch milliseconds and the load time in nanoseconds (for
 * refresh-ahead), then the codec's bytes. A tombstone (an invalidation): magic, format, kind {@code 2}, stamp, then its
 * expiry in epoch milliseconds as ASCII digits ({@code 0}: none), which a lease that replaces it keeps. Format 1 (no
 * stamp) is still read, as the oldest version. Other bytes were not written by Larder and decode to nothing.
 *
 * <p>A tagged method's value has kind 3 (or 4 for null) and, between the header and the codec's bytes, its tags: the
 * Redis tag clock reading taken before its load ran (8 bytes), the number of tags (2 bytes), and each tag as its UTF-8
 * length (2 bytes) and bytes. Untagged values are unchanged, byte for byte.
 */
final class Envelope {
    private static final byte MAGIC = 'L';
    private static final byte FORMAT_1 = 1;
    private static final byte FORMAT = 2;
    private static final byte VALUE = 0;
    private static final byte NULL = 1;
    private static final byte TOMBSTONE = 2;
    /** A tagged method's value: after the header, its tags section ({@link #wrapTagged}), then the codec's bytes. */
    private static final byte TAGGED_VALUE = 3;

    private static final byte TAGGED_NULL = 4;
    private static final int STAMP_AT = 3;
    private static final int HEADER_1 = 19;
    private static final int HEADER = STAMP_AT + HybridClock.STAMP_LENGTH + 16;

    private Envelope() {}

    static byte[] wrap(Codec codec, @Nullable Object value, long version, long writtenAtMillis, long loadNanos)
            throws Exception {
        byte[] body = value == null ? new byte[0] : codec.encode(value);
        byte[] bytes = new byte[HEADER + body.length];
        bytes[0] = MAGIC;
        bytes[1] = FORMAT;
        bytes[2] = value == null ? NULL : VALUE;
        HybridClock.stamp(version, bytes, STAMP_AT);
        ByteBuffer.wrap(bytes, HEADER - 16, 16 + body.length)
                .putLong(writtenAtMillis)
                .putLong(loadNanos)
                .put(body);
        return bytes;
    }

    /**
     * As {@link #wrap}, for a tagged method's value: with its tags and the tag clock reading {@code since} taken before
     * its load ran.
     */
    static byte[] wrapTagged(
            Codec codec,
            @Nullable Object value,
            long version,
            long writtenAtMillis,
            long loadNanos,
            long since,
            String[] tags)
            throws Exception {
        byte[] body = value == null ? new byte[0] : codec.encode(value);
        byte[][] names = new byte[tags.length][];
        int section = 8 + 2;
        for (int i = 0; i < tags.length; i++) {
            names[i] = tags[i].getBytes(StandardCharsets.UTF_8);
            if (names[i].length > 0xFFFF || tags.length > 0xFFFF) {
                throw new IllegalArgumentException("a tag longer than 65535 bytes, or more than 65535 tags");
            }
            section += 2 + names[i].length;
        }
        byte[] bytes = new byte[HEADER + section + body.length];
        bytes[0] = MAGIC;
        bytes[1] = FORMAT;
        bytes[2] = value == null ? TAGGED_NULL : TAGGED_VALUE;
        HybridClock.stamp(version, bytes, STAMP_AT);
        ByteBuffer out = ByteBuffer.wrap(bytes, HEADER - 16, bytes.length - (HEADER - 16))
                .putLong(writtenAtMillis)
                .putLong(loadNanos)
                .putLong(since)
                .putShort((short) tags.length);
        for (byte[] name : names) {
            out.putShort((short) name.length).put(name);
        }
        out.put(body);
        return bytes;
    }

    /** A tombstone of {@code version} that expires at {@code expiresAtMillis} (epoch ms; 0: never). */
    static byte[] tombstone(long version, long expiresAtMillis) {
        byte[] expiry = Long.toString(expiresAtMillis).getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[STAMP_AT + HybridClock.STAMP_LENGTH + expiry.length];
        bytes[0] = MAGIC;
        bytes[1] = FORMAT;
        bytes[2] = TOMBSTONE;
        HybridClock.stamp(version, bytes, STAMP_AT);
        System.arraycopy(expiry, 0, bytes, STAMP_AT + HybridClock.STAMP_LENGTH, expiry.length);
        return bytes;
    }

    /** The version stamp of a value or tombstone of the current format ({@value HybridClock#STAMP_LENGTH} bytes), or null. */
    static byte @Nullable [] stamp(byte[] bytes) {
        if (bytes.length < STAMP_AT + HybridClock.STAMP_LENGTH || bytes[0] != MAGIC || bytes[1] != FORMAT) {
            return null;
        }
        byte[] stamp = new byte[HybridClock.STAMP_LENGTH];
        System.arraycopy(bytes, STAMP_AT, stamp, 0, stamp.length);
        return stamp;
    }

    /** Whether the bytes are a tombstone: the key was invalidated and holds no value. */
    static boolean isTombstone(byte[] bytes) {
        return bytes.length > STAMP_AT + HybridClock.STAMP_LENGTH
                && bytes[0] == MAGIC
                && bytes[1] == FORMAT
                && bytes[2] == TOMBSTONE;
    }

    /**
     * The value held by the bytes.
     *
     * @throws IllegalArgumentException when the bytes are not a value written by Larder
     * @throws Exception what the codec throws for bytes that are not a value of the type
     */
    static RemoteValue unwrap(Codec codec, byte[] bytes, ValueType type) throws Exception {
        int header = bytes.length >= HEADER_1 && bytes[0] == MAGIC && bytes[1] == FORMAT_1
                ? HEADER_1
                : bytes.length >= HEADER && bytes[0] == MAGIC && bytes[1] == FORMAT && bytes[2] != TOMBSTONE
                        ? HEADER
                        : -1;
        if (header < 0) {
            throw new IllegalArgumentException("the bytes under the key are not a value written by Larder");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        long writtenAt = in.getLong(header - 16);
        long loadNanos = in.getLong(header - 8);
        if (header == HEADER && (bytes[2] == TAGGED_VALUE || bytes[2] == TAGGED_NULL)) {
            return unwrapTagged(codec, bytes, type, in, writtenAt, loadNanos);
        }
        if (bytes[2] == NULL) {
            return new RemoteValue(null, writtenAt, loadNanos);
        }
        byte[] body = new byte[bytes.length - header];
        System.arraycopy(bytes, header, body, 0, body.length);
        return new RemoteValue(codec.decode(body, type), writtenAt, loadNanos);
    }

    private static RemoteValue unwrapTagged(
            Codec codec, byte[] bytes, ValueType type, ByteBuffer in, long writtenAt, long loadNanos) throws Exception {
        in.position(HEADER);
        long since = in.getLong();
        String[] tags = new String[in.getShort() & 0xFFFF];
        for (int i = 0; i < tags.length; i++) {
            int length = in.getShort() & 0xFFFF;
            tags[i] = new String(bytes, in.position(), length, StandardCharsets.UTF_8);
            in.position(in.position() + length);
        }
        if (bytes[2] == TAGGED_NULL) {
            return new RemoteValue(null, writtenAt, loadNanos, since, tags);
        }
        byte[] body = new byte[in.remaining()];
        in.get(body);
        return new RemoteValue(codec.decode(body, type), writtenAt, loadNanos, since, tags);
    }
}
