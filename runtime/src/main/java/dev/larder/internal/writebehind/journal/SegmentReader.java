package dev.larder.internal.writebehind.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Reads the records of one segment up to its end or to the first record that is torn or fails its checksum. */
final class SegmentReader {
    private SegmentReader() {}

    /**
     * The readable records of a segment and where they end.
     *
     * @param validLength the length of the well-formed prefix; shorter than the file when its tail is torn or corrupt
     * @param problem why reading stopped early, or {@code null} when the whole file was read
     */
    record Contents(List<JournalRecord> records, long validLength, long fileLength, String problem) {
        boolean damaged() {
            return validLength < fileLength;
        }
    }

    static Contents read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(size));
            while (all.hasRemaining() && channel.read(all) >= 0) {
                // read everything
            }
            all.flip();
            List<JournalRecord> records = new ArrayList<>();
            long position = 0;
            String problem = null;
            while (all.remaining() > 0) {
                if (all.remaining() < JournalRecord.HEADER) {
                    problem = "a torn record header";
                    break;
                }
                int length = all.getInt();
                int checksum = all.getInt();
                if (length < 9 || length > JournalRecord.MAX_BODY || length > all.remaining()) {
                    problem = "a torn or corrupt record (length " + length + ")";
                    break;
                }
                ByteBuffer body = all.slice(all.position(), length);
                if (!JournalRecord.checksumMatches(body, checksum)) {
                    problem = "a record failing its CRC32C checksum";
                    break;
                }
                try {
                    records.add(JournalRecord.decode(body));
                } catch (IllegalArgumentException e) {
                    problem = "a " + e.getMessage();
                    break;
                }
                all.position(all.position() + length);
                position = all.position();
            }
            return new Contents(records, position, size, problem == null ? "" : problem);
        }
    }
}
