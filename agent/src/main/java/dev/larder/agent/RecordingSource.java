package dev.larder.agent;

import dev.larder.weaver.ClassFiles;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * A class-file source that remembers what the weaver read through it, as a checksum of each class file, so that a
 * {@link WovenClassCache} entry can later tell whether anything its weave depended on has changed. One per weave; not
 * thread-safe.
 */
final class RecordingSource implements ClassFiles.Source {
    /** The checksum of a class file that was looked for and not found. */
    static final long ABSENT = -1L;

    private final ClassFiles.Source source;
    private final Map<String, Long> reads = new LinkedHashMap<>();

    RecordingSource(ClassFiles.Source source) {
        this.source = source;
    }

    @Override
    public byte @Nullable [] read(String internalName) throws IOException {
        byte[] bytes = source.read(internalName);
        reads.put(internalName, checksum(bytes));
        return bytes;
    }

    /** Internal type name → {@link #checksum} of its class file, for every class file read so far. */
    Map<String, Long> reads() {
        return reads;
    }

    /** The length and CRC-32C of a class file, in one long; {@link #ABSENT} for none. */
    static long checksum(byte @Nullable [] bytes) {
        if (bytes == null) {
            return ABSENT;
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length);
        return ((long) bytes.length << 32) | crc.getValue();
    }
}
