package dev.larder.internal.writebehind.journal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * One record of a file journal segment: an appended write or the settlement of one.
 *
 * <pre>
 * int   length of what follows the checksum (type .. end)
 * int   CRC32C of those bytes
 * byte  type: 1 write, 2 settlement
 * long  sequence
 * write only: int key length, key (UTF-8), int value length (-1 for null), value
 * </pre>
 *
 * A record whose length runs past the end of the file, or whose checksum does not match, ends the readable log.
 *
 * @param value the value's bytes, {@code null} for a null value or a settlement
 */
record JournalRecord(byte type, long sequence, @Nullable String key, byte @Nullable [] value) {
    static final byte WRITE = 1;
    static final byte SETTLE = 2;
    static final int HEADER = 8;
    /** Larger records are taken for corruption: no key and value of one write come near it. */
    static final int MAX_BODY = 256 * 1024 * 1024;

    static JournalRecord write(long sequence, String key, byte @Nullable [] value) {
        return new JournalRecord(WRITE, sequence, key, value);
    }

    static JournalRecord settle(long sequence) {
        return new JournalRecord(SETTLE, sequence, null, null);
    }

    /** The record with its header, ready to be written. */
    ByteBuffer encode() {
        byte[] keyBytes = key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8);
        int body = 1 + 8 + (type == WRITE ? 4 + keyBytes.length + 4 + (value == null ? 0 : value.length) : 0);
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + body);
        buffer.position(HEADER);
        buffer.put(type).putLong(sequence);
        if (type == WRITE) {
            buffer.putInt(keyBytes.length).put(keyBytes);
            if (value == null) {
                buffer.putInt(-1);
            } else {
                buffer.putInt(value.length).put(value);
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), HEADER, body);
        buffer.putInt(0, body).putInt(4, (int) crc.getValue());
        return buffer.flip();
    }

    /**
     * Decodes a record's body (what follows the header) whose checksum matched.
     *
     * @throws IllegalArgumentException when the body is not a well-formed record
     */
    static JournalRecord decode(ByteBuffer body) {
        try {
            byte type = body.get();
            long sequence = body.getLong();
            if (type == SETTLE && !body.hasRemaining()) {
                return settle(sequence);
            }
            if (type != WRITE) {
                throw new IllegalArgumentException("unknown record type " + type);
            }
            byte[] key = new byte[body.getInt()];
            body.get(key);
            int length = body.getInt();
            byte[] value = null;
            if (length >= 0) {
                value = new byte[length];
                body.get(value);
            }
            if (body.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes");
            }
            return write(sequence, new String(key, StandardCharsets.UTF_8), value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed record: " + e.getMessage(), e);
        }
    }

    static boolean checksumMatches(ByteBuffer body, int expected) {
        CRC32C crc = new CRC32C();
        crc.update(body.duplicate());
        return (int) crc.getValue() == expected;
    }
}
