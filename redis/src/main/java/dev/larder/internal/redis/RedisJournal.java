package dev.larder.internal.redis;

import dev.larder.internal.key.KeyEncoder;
import dev.larder.internal.log.Logs;
import dev.larder.internal.writebehind.Journal;
import dev.larder.internal.writebehind.journal.*;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A journal in a Redis stream, one per {@code @WriteBehind} method, shared by every JVM writing through it. Each JVM
 * is a consumer of the stream's group: {@link #append} adds the write and makes it pending for this JVM in one script
 * before the call returns; {@link #settle} acknowledges and deletes it. A JVM proves it is alive with a heartbeat key
 * that expires {@code aliveMillis} after its last refresh; every JVM, when it opens the journal and then once per
 * check interval, claims the pending entries of consumers whose heartbeat has expired ({@code XCLAIM}), so a fleet
 * loses nothing when one member dies: the entries reach {@link #recover} of a survivor or of the next JVM to start.
 * Claiming by heartbeat rather than by idle time means a live JVM whose write waits out a long outage of the store
 * keeps it.
 *
 * <p>{@link #append} throws {@link JournalUnavailableException} when Redis cannot take the write; the caller must
 * then write it synchronously. A failed
 * settlement is logged and the entry stays pending: it is written once more if this JVM dies (at-least-once). A JVM
 * cut off from Redis for longer than {@code aliveMillis} may see a survivor take over its entries; they may then be
 * written twice, never lost. Thread-safe.
 */
public final class RedisJournal implements Journal {
    private static final System.Logger LOGGER = Logs.get("dev.larder.writebehind");
    private static final String GROUP = "larder";
    private static final int CLAIM_BATCH = 500;
    private static final int SEQUENCE_BITS = 20;

    private final JournalStreams streams;
    private final String stream;
    private final String consumer = UUID.randomUUID().toString();
    private final byte[] aliveKey;
    private final ValueBytes values;
    private final long aliveMillis;
    private final ConcurrentLinkedQueue<Recovered> recovered = new ConcurrentLinkedQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread keeper;

    /**
     * Opens the journal: creates the group, starts the heartbeat and claims what dead consumers left. When Redis
     * cannot be reached now, the heartbeat thread keeps trying; appends fail until it succeeds.
     *
     * @param stream the stream's key
     * @param aliveMillis how long a JVM's heartbeat lasts without refresh; it is refreshed five times as often
     */
    @Override
    public boolean takesOverLater() {
        return true;
    }

    public RedisJournal(JournalStreams streams, String stream, ValueBytes values, long aliveMillis) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.stream = Objects.requireNonNull(stream, "stream");
        this.values = Objects.requireNonNull(values, "values");
        this.aliveMillis = aliveMillis;
        this.aliveKey = (stream + ":alive:" + consumer).getBytes(StandardCharsets.UTF_8);
        tick();
        keeper = new Thread(this::keep, "larder-journal-" + stream);
        keeper.setDaemon(true);
        keeper.start();
    }

    private void keep() {
        try {
            while (!closed.await(Math.max(1, aliveMillis / 5), TimeUnit.MILLISECONDS)) {
                tick();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Refreshes the heartbeat and claims the entries of dead consumers. */
    private synchronized void tick() {
        try {
            streams.setWithTtl(aliveKey, new byte[] {1}, aliveMillis);
            streams.createGroup(stream, GROUP);
            for (String other : streams.consumers(stream, GROUP)) {
                if (!other.equals(consumer) && !streams.exists(aliveKey(other))) {
                    claimFrom(other);
                }
            }
        } catch (RuntimeException e) {
            LOGGER.log(Level.DEBUG, "Write-behind journal " + stream + " cannot reach Redis: " + e.getMessage());
        }
    }

    private byte[] aliveKey(String other) {
        return (stream + ":alive:" + other).getBytes(StandardCharsets.UTF_8);
    }

    private void claimFrom(String other) {
        int count = 0;
        List<JournalStreams.Entry> batch;
        do {
            batch = streams.claim(stream, GROUP, other, consumer, CLAIM_BATCH);
            for (JournalStreams.Entry entry : batch) {
                add(entry);
            }
            count += batch.size();
        } while (batch.size() == CLAIM_BATCH);
        if (count > 0) {
            LOGGER.log(
                    Level.INFO,
                    "Took over " + count + " unsettled write-behind writes of a JVM that is gone from " + stream);
        }
    }

    private void add(JournalStreams.Entry entry) {
        String key = new String(entry.key(), StandardCharsets.UTF_8);
        try {
            recovered.add(new Recovered(sequence(entry.id()), key, values.decode(entry.value())));
        } catch (Exception e) {
            // Left pending for this consumer, not replayed: a value the declared type cannot read fails every replay.
            LOGGER.log(
                    Level.ERROR,
                    "A journalled write-behind write for key " + key + " (entry " + entry.id() + " of " + stream
                            + ") cannot be decoded into " + values.type().name() + " and is not replayed",
                    e);
        }
    }

    @Override
    public long append(Object key, @Nullable Object value) {
        byte[] bytes = values.encode(value);
        String id;
        try {
            id = streams.append(
                    stream, GROUP, consumer, KeyEncoder.encode(key).getBytes(StandardCharsets.UTF_8), bytes);
        } catch (RuntimeException e) {
            throw new JournalUnavailableException(
                    "the write-behind journal " + stream + " cannot reach Redis: " + e.getMessage(), e);
        }
        return sequence(id);
    }

    @Override
    public void settle(long sequence) {
        try {
            streams.settle(stream, GROUP, id(sequence));
        } catch (RuntimeException e) {
            LOGGER.log(
                    Level.WARNING,
                    "Cannot settle write-behind journal entry " + id(sequence) + " of " + stream
                            + "; it is replayed again if this JVM dies: " + e.getMessage());
        }
    }

    /** {@inheritDoc} Also, later, the writes taken over from JVMs that died meanwhile; each returned once. */
    @Override
    public List<Recovered> recover() {
        if (recovered.isEmpty()) {
            return List.of();
        }
        List<Recovered> result = new ArrayList<>();
        for (Recovered r = recovered.poll(); r != null; r = recovered.poll()) {
            result.add(r);
        }
        return result;
    }

    /** Stops the heartbeat and removes it, so that other JVMs take over what is still pending at once. */
    @Override
    public void close() {
        if (closed.getCount() == 0) {
            return;
        }
        closed.countDown();
        try {
            keeper.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            streams.delete(aliveKey);
        } catch (RuntimeException e) {
            LOGGER.log(Level.DEBUG, "Cannot remove the heartbeat of " + stream + ": " + e.getMessage());
        }
        streams.close();
    }

    /** The sequence of a stream id {@code ms-n}: milliseconds and counter in one increasing long. */
    static long sequence(String id) {
        int dash = id.indexOf('-');
        long millis = Long.parseLong(id, 0, dash, 10);
        long counter = Long.parseLong(id, dash + 1, id.length(), 10);
        if (counter >= 1L << SEQUENCE_BITS) {
            throw new IllegalStateException("stream id " + id + " has a counter beyond " + (1L << SEQUENCE_BITS));
        }
        return millis << SEQUENCE_BITS | counter;
    }

    static String id(long sequence) {
        return (sequence >>> SEQUENCE_BITS) + "-" + (sequence & ((1L << SEQUENCE_BITS) - 1));
    }

    @Override
    public String toString() {
        return "redis journal " + stream;
    }
}
