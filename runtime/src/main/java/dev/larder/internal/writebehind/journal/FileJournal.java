package dev.larder.internal.writebehind.journal;

import dev.larder.LarderConfig.Fsync;
import dev.larder.internal.key.KeyEncoder;
import dev.larder.internal.log.Logs;
import dev.larder.internal.writebehind.Journal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A journal in files: per {@code @WriteBehind} method, a directory of append-only segments of CRC32C-checked records,
 * each write appended with one {@code write} to the file before {@link #append} returns (so it survives the death of
 * the JVM), and forced to the disk as the {@link Fsync} policy says (so it survives the machine's, except with
 * {@code never}). Settlements are appended as records of their own, without a force: one lost in a crash only means
 * that write is replayed once more. A segment is deleted once it and every older segment hold no unsettled write
 * (oldest first, so no settlement is deleted while the write it settles is still on disk).
 *
 * <p>Each JVM locks a slot of its own ({@code jvm-0}, {@code jvm-1}, … under the method's directory) with a {@link
 * FileLock}, so two JVMs never write one file: a second JVM sharing the directory takes the next free slot. On opening,
 * a JVM replays its own slot and adopts every other slot it can lock (their JVMs are gone): their unsettled writes are
 * appended to its own log, then their files deleted.
 *
 * <p>A torn or corrupt record ends a segment: the segment is truncated there with a warning, and every record before
 * it is replayed. Thread-safe. {@link #append} throws {@link JournalUnavailableException} when the write cannot be
 * made durable: the caller must then write it synchronously.
 */
public final class FileJournal implements Journal {
    private static final System.Logger LOGGER = Logs.get("dev.larder.writebehind");
    private static final String SEGMENT_PREFIX = "segment-";
    private static final String SEGMENT_SUFFIX = ".log";
    private static final String SLOT_PREFIX = "jvm-";
    /** With {@code batch}, the longest a written record waits to be forced: the window a power loss can take. */
    static final long BATCH_INTERVAL_MILLIS = 100;
    /** One daemon thread forces every {@code batch} journal of the JVM; created with the first such journal. */
    private static @Nullable ScheduledExecutorService committer;

    private final Path slot;
    private final ValueBytes values;
    private final Fsync fsync;
    private final long segmentBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final GroupCommit groupCommit = new GroupCommit(this::forceWritten);
    /** With {@code batch} and {@code never}: appenders share one {@code write} of every record kept so far. */
    private final GroupCommit writeCommit = new GroupCommit(this::writeKept);
    /** With {@code batch}: the periodic force, cancelled on close. */
    private @Nullable ScheduledFuture<?> batchCommit;
    /** With {@code batch}: the last sequence the periodic force made durable; read and written by the committer. */
    private long forcedUpTo;

    // Guarded by this.
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    /** Records appended since the last group commit, written by the next one. */
    private final List<ByteBuffer> buffered = new ArrayList<>();

    private final Set<Long> unsettled = new HashSet<>();
    private Segment current;
    private long nextSequence;
    private long lastWritten;
    private boolean closed;
    private List<Recovered> recovered;

    private FileJournal(Path slot, FileChannel lockChannel, FileLock lock, ValueBytes values, Fsync fsync, long bytes) {
        this.slot = slot;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.values = values;
        this.fsync = fsync;
        this.segmentBytes = bytes;
    }

    /**
     * Opens the journal of one method, taking a free slot under {@code directory} and recovering the writes left
     * unsettled there and in the slots of JVMs that are gone.
     *
     * @param directory the method's directory, created if missing
     * @param segmentBytes the size after which a new segment is started
     * @throws UncheckedIOException when the directory cannot be read or written
     */
    public static FileJournal open(Path directory, ValueBytes values, Fsync fsync, long segmentBytes) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(fsync, "fsync");
        try {
            Files.createDirectories(directory);
            for (int i = 0; ; i++) {
                Path slot = directory.resolve(SLOT_PREFIX + i);
                Files.createDirectories(slot);
                FileChannel channel =
                        FileChannel.open(slot.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = tryLock(channel);
                if (lock == null) {
                    channel.close();
                    continue;
                }
                FileJournal journal = new FileJournal(slot, channel, lock, values, fsync, segmentBytes);
                try {
                    journal.start(directory);
                } catch (IOException | RuntimeException e) {
                    journal.close();
                    throw e;
                }
                if (fsync != Fsync.ALWAYS) {
                    journal.startBatchCommit();
                }
                return journal;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot open the write-behind journal in " + directory.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private synchronized void startBatchCommit() {
        batchCommit = committer()
                .scheduleWithFixedDelay(
                        this::forceBatch, BATCH_INTERVAL_MILLIS, BATCH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static synchronized ScheduledExecutorService committer() {
        if (committer == null) {
            committer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "larder-journal-fsync");
                thread.setDaemon(true);
                return thread;
            });
        }
        return committer;
    }

    private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // this JVM holds it already
        }
    }

    private synchronized void start(Path directory) throws IOException {
        Map<Long, JournalRecord> pending = load(slot, true);
        nextSequence = pending.isEmpty()
                ? 1
                : pending.keySet().stream().max(Long::compare).orElseThrow() + 1;
        for (Segment segment : segments.values()) {
            nextSequence = Math.max(nextSequence, segment.lastSequence + 1);
        }
        unsettled.addAll(pending.keySet());
        current = newSegment(nextSequence);
        deleteSettledSegments();
        List<Orphan> orphans = lockOrphans(directory);
        List<Recovered> result = new ArrayList<>();
        for (JournalRecord record : pending.values()) {
            addRecovered(result, record.sequence(), record);
        }
        boolean adopted = false;
        try {
            for (Orphan orphan : orphans) {
                for (JournalRecord record : orphan.records()) {
                    addRecovered(result, appendLocked(record.key(), record.value()), record);
                }
            }
            if (!orphans.isEmpty()) {
                // the adopted writes are this slot's now, and on the disk here before the other slots are deleted
                writeBuffered();
                Objects.requireNonNull(current.channel).force(false);
            }
            adopted = true;
        } finally {
            for (Orphan orphan : orphans) {
                release(orphan, adopted);
            }
        }
        recovered = result;
        if (!result.isEmpty()) {
            LOGGER.log(
                    Level.INFO,
                    "Recovered " + result.size() + " unsettled write-behind writes from " + slot.getParent());
        }
    }

    private void addRecovered(List<Recovered> result, long sequence, JournalRecord record) {
        try {
            result.add(new Recovered(sequence, Objects.requireNonNull(record.key()), values.decode(record.value())));
        } catch (Exception e) {
            // Kept on disk, not replayed: a value the declared type cannot read would fail every replay.
            LOGGER.log(
                    Level.ERROR,
                    "A journalled write-behind write for key " + record.key() + " in " + slot
                            + " cannot be decoded into " + values.type().name() + " and is not replayed; it stays in "
                            + SEGMENT_PREFIX + " files of that directory until settled by hand",
                    e);
        }
    }

    /** Reads a slot's segments; returns its unsettled writes by sequence. */
    private Map<Long, JournalRecord> load(Path directory, boolean own) throws IOException {
        TreeMap<Long, JournalRecord> pending = new TreeMap<>();
        Set<Long> settled = new HashSet<>();
        for (Path file : segmentFiles(directory)) {
            SegmentReader.Contents contents = SegmentReader.read(file);
            if (contents.damaged()) {
                LOGGER.log(
                        Level.WARNING,
                        "Write-behind journal segment " + file + " ends in " + contents.problem()
                                + " at byte " + contents.validLength() + " of " + contents.fileLength()
                                + "; truncating it there and replaying the "
                                + contents.records().size() + " records before it");
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(contents.validLength());
                    channel.force(true);
                }
            }
            Segment segment = own ? new Segment(file, firstSequence(file), null) : null;
            for (JournalRecord record : contents.records()) {
                if (record.type() == JournalRecord.WRITE) {
                    pending.put(record.sequence(), record);
                    if (segment != null) {
                        segment.lastSequence = Math.max(segment.lastSequence, record.sequence());
                    }
                } else {
                    settled.add(record.sequence());
                }
            }
            if (segment != null) {
                segments.put(segment.firstSequence, segment);
            }
        }
        pending.keySet().removeAll(settled);
        if (own) {
            for (Long sequence : pending.keySet()) {
                Map.Entry<Long, Segment> holder = segments.floorEntry(sequence);
                if (holder != null) {
                    holder.getValue().unsettled++;
                }
            }
        }
        return pending;
    }

    /**
     * Locks every slot whose JVM is gone and reads its unsettled writes. The slots stay locked, their files in place,
     * until {@link #release} after the writes are durable in this slot: a crash in between loses nothing.
     */
    private List<Orphan> lockOrphans(Path directory) throws IOException {
        List<Orphan> orphans = new ArrayList<>();
        List<Path> others;
        try (Stream<Path> list = Files.list(directory)) {
            others = list.filter(p -> p.getFileName().toString().startsWith(SLOT_PREFIX) && !p.equals(slot))
                    .sorted()
                    .toList();
        }
        for (Path other : others) {
            FileChannel channel =
                    FileChannel.open(other.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock orphanLock = tryLock(channel);
            if (orphanLock == null) {
                channel.close(); // a live JVM's slot
                continue;
            }
            Orphan orphan = new Orphan(other, channel, orphanLock, new ArrayList<>());
            orphans.add(orphan);
            orphan.records().addAll(load(other, false).values());
        }
        return orphans;
    }

    /** Unlocks an orphan slot, first deleting its files when its writes are durable in this slot ({@code adopted}). */
    private static void release(Orphan orphan, boolean adopted) throws IOException {
        try {
            if (adopted) {
                for (Path file : segmentFiles(orphan.slot())) {
                    Files.delete(file);
                }
            }
        } finally {
            orphan.lock().release();
            orphan.channel().close();
        }
    }

    private record Orphan(Path slot, FileChannel channel, FileLock lock, List<JournalRecord> records) {}

    private static List<Path> segmentFiles(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.startsWith(SEGMENT_PREFIX) && name.endsWith(SEGMENT_SUFFIX);
                    })
                    .sorted()
                    .toList();
        }
    }

    private static long firstSequence(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(SEGMENT_PREFIX.length(), name.length() - SEGMENT_SUFFIX.length()));
    }

    private Segment newSegment(long firstSequence) throws IOException {
        Path file = slot.resolve(String.format("%s%020d%s", SEGMENT_PREFIX, firstSequence, SEGMENT_SUFFIX));
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (fsync != Fsync.NEVER) {
            // The new file's directory entry must be durable too, or a power loss could take the file with it.
            channel.force(true);
            forceDirectory();
        }
        Segment segment = new Segment(file, firstSequence, channel);
        segments.put(firstSequence, segment);
        return segment;
    }

    private void forceDirectory() {
        try (FileChannel directory = FileChannel.open(slot, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory; the file itself is forced.
        }
    }

    @Override
    public long append(Object key, @Nullable Object value) {
        String encodedKey = KeyEncoder.encode(key);
        byte[] bytes = values.encode(value);
        long sequence;
        try {
            synchronized (this) {
                sequence = appendLocked(encodedKey, bytes);
            }
            // Either way the record is in the OS before the call returns, which survives the death of the JVM.
            (fsync == Fsync.ALWAYS ? groupCommit : writeCommit).await(sequence);
        } catch (IOException e) {
            throw new JournalUnavailableException(
                    "cannot append to the write-behind journal in " + slot + ": " + e.getMessage(), e);
        }
        return sequence;
    }

    private long appendLocked(String encodedKey, byte @Nullable [] bytes) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (current.size >= segmentBytes) {
            roll();
        }
        long sequence = nextSequence++;
        write(JournalRecord.write(sequence, encodedKey, bytes).encode());
        current.unsettled++;
        current.lastSequence = sequence;
        unsettled.add(sequence);
        lastWritten = sequence;
        return sequence;
    }

    /**
     * Keeps a record for the current segment. The next group commit writes every kept record with one call: with
     * {@code always} just before its fsync (a write to a file being forced can wait for the force, so nobody writes
     * but the committer), otherwise as soon as an appender asks, for every appender waiting then.
     */
    private void write(ByteBuffer buffer) {
        current.size += buffer.remaining();
        buffered.add(buffer);
    }

    /** With {@code batch} and {@code never}: writes what is kept, for every appender waiting; the last sequence. */
    private synchronized long writeKept() throws IOException {
        writeBuffered();
        return lastWritten;
    }

    /** Writes the records kept for the group commit to the current segment. */
    private void writeBuffered() throws IOException {
        if (buffered.isEmpty()) {
            return;
        }
        ByteBuffer[] buffers = buffered.toArray(new ByteBuffer[0]);
        buffered.clear();
        FileChannel channel = Objects.requireNonNull(current.channel);
        ByteBuffer last = buffers[buffers.length - 1];
        while (last.hasRemaining()) {
            channel.write(buffers);
        }
    }

    private void roll() throws IOException {
        writeBuffered();
        Segment old = current;
        if (fsync != Fsync.NEVER) {
            Objects.requireNonNull(old.channel).force(false);
        }
        current = newSegment(nextSequence);
        Objects.requireNonNull(old.channel).close();
        old.channel = null;
        deleteSettledSegments();
    }

    /** Forces the current segment; what was written before it is durable already (forced when it was rolled). */
    private long forceWritten() throws IOException {
        FileChannel channel;
        long written;
        synchronized (this) {
            writeBuffered();
            channel = current.channel;
            written = lastWritten;
        }
        try {
            Objects.requireNonNull(channel).force(false);
        } catch (ClosedChannelException e) {
            if (isClosed()) {
                throw e;
            }
            // Rolled meanwhile, and forced before it was closed.
        }
        return written;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /**
     * With {@code batch}, run every {@link #BATCH_INTERVAL_MILLIS} on the shared committer thread: forces what was
     * written since the last time. Writers never wait for it.
     */
    private void forceBatch() {
        try {
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (fsync == Fsync.NEVER) {
                    writeBuffered(); // settlements kept since the last append
                    return;
                }
                if (lastWritten <= forcedUpTo && buffered.isEmpty()) {
                    return;
                }
            }
            forcedUpTo = forceWritten();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cannot force the write-behind journal in " + slot + ": " + e.getMessage());
        }
    }

    @Override
    public synchronized void settle(long sequence) {
        if (closed || !unsettled.remove(sequence)) {
            return;
        }
        // Kept for the next commit, never forced on its own: a settlement lost in a crash only replays its write.
        write(JournalRecord.settle(sequence).encode());
        Map.Entry<Long, Segment> holder = segments.floorEntry(sequence);
        if (holder != null) {
            holder.getValue().unsettled--;
        }
        deleteSettledSegments();
    }

    /** Deletes the oldest segments while they hold no unsettled write, the one being written aside. */
    private void deleteSettledSegments() {
        while (!segments.isEmpty()) {
            Segment oldest = segments.firstEntry().getValue();
            if (oldest == current || oldest.unsettled > 0) {
                return;
            }
            segments.pollFirstEntry();
            try {
                if (oldest.channel != null) {
                    oldest.channel.close();
                }
                Files.deleteIfExists(oldest.file);
            } catch (IOException e) {
                LOGGER.log(
                        Level.WARNING,
                        "Cannot delete settled write-behind journal segment " + oldest.file + ": " + e.getMessage());
            }
        }
    }

    /** {@inheritDoc} Returned once; later calls return an empty list. */
    @Override
    public synchronized List<Recovered> recover() {
        List<Recovered> result = recovered;
        recovered = List.of();
        return result;
    }

    /** Writes not yet settled, recovered ones included. */
    public synchronized int unsettled() {
        return unsettled.size();
    }

    /** The segment files on disk in this JVM's slot, oldest first. */
    public List<Path> segmentFiles() {
        try {
            return segmentFiles(slot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the files and releases the slot; unsettled writes stay on disk for the next JVM. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            writeBuffered();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cannot write the last settlements to " + slot + ": " + e.getMessage());
        }
        closed = true;
        if (batchCommit != null) {
            batchCommit.cancel(false);
        }
        for (Segment segment : segments.values()) {
            try {
                if (segment.channel != null) {
                    if (fsync != Fsync.NEVER) {
                        segment.channel.force(false);
                    }
                    segment.channel.close();
                }
            } catch (IOException e) {
                LOGGER.log(
                        Level.WARNING,
                        "Cannot close write-behind journal segment " + segment.file + ": " + e.getMessage());
            }
        }
        try {
            if (unsettled.isEmpty() && current != null) {
                Files.deleteIfExists(current.file);
            }
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cannot release write-behind journal slot " + slot + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "file journal " + slot + " (fsync " + fsync.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    /** One segment file; guarded by the journal. */
    private static final class Segment {
        final Path file;
        final long firstSequence;

        @Nullable
        FileChannel channel;

        long size;
        long lastSequence;
        int unsettled;

        Segment(Path file, long firstSequence, @Nullable FileChannel channel) {
            this.file = file;
            this.firstSequence = firstSequence;
            this.channel = channel;
            this.lastSequence = firstSequence - 1;
        }
    }
}
