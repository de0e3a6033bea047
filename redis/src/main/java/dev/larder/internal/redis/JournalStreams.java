package dev.larder.internal.redis;

import dev.larder.LarderConfig;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The Redis commands of the write-behind journal, for the journal package: streams with a consumer group, through
 * the tier's connection when the configuration has one, else through a connection of its own. Every call returns
 * within the configured timeout or throws a {@link RuntimeException}.
 */
public final class JournalStreams implements AutoCloseable {
    private final RedisOps ops;
    private final boolean ownsConnection;

    private JournalStreams(RedisOps ops, boolean ownsConnection) {
        this.ops = ops;
        this.ownsConnection = ownsConnection;
    }

    /** The streams of a tier's connection; closing them leaves the connection to the tier. */
    public static JournalStreams of(RedisTier tier) {
        return new JournalStreams(tier.ops, false);
    }

    /** The streams of a connection opened for them from {@code larder.redis.*}, closed with them. */
    public static JournalStreams open(LarderConfig config) {
        return new JournalStreams(new JedisOps(Objects.requireNonNull(config, "config")), true);
    }

    /** Creates the consumer group (and the stream) unless it exists. */
    public void createGroup(String stream, String group) {
        ops.streamGroup(stream, group);
    }

    /** Appends an entry and makes it pending for {@code consumer} at once; returns its id. */
    public String append(String stream, String group, String consumer, byte[] key, byte @Nullable [] value) {
        return ops.streamAppend(stream, group, consumer, key, value);
    }

    /** Acknowledges and deletes an entry. */
    public void settle(String stream, String group, String id) {
        ops.streamSettle(stream, group, id);
    }

    /** The consumers with pending entries. */
    public List<String> consumers(String stream, String group) {
        return ops.streamConsumers(stream, group);
    }

    /** Moves up to {@code count} of {@code from}'s pending entries to {@code to}, oldest first. */
    public List<Entry> claim(String stream, String group, String from, String to, int count) {
        return ops.streamClaim(stream, group, from, to, count).stream()
                .map(e -> new Entry(e.id(), e.key(), e.value()))
                .toList();
    }

    /** Sets a key with a time to live, for a consumer's heartbeat. */
    public void setWithTtl(byte[] key, byte[] value, long ttlMillis) {
        ops.set(key, value, ttlMillis);
    }

    /** Whether a key exists. */
    public boolean exists(byte[] key) {
        return ops.get(key) != null;
    }

    /** Deletes a key. */
    public void delete(byte[] key) {
        ops.delete(key);
    }

    @Override
    public void close() {
        if (ownsConnection) {
            ops.close();
        }
    }

    /** A journal entry: its id, the key's bytes and the value's ({@code null} for none). */
    public record Entry(String id, byte[] key, byte @Nullable [] value) {}
}
