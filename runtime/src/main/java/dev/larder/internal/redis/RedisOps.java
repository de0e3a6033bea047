package dev.larder.internal.redis;

import org.jspecify.annotations.Nullable;

/**
 * The Redis commands the tier uses, free of client types so that the tier's logic links without Jedis. Every call
 * either returns within the configured timeout or throws a {@link RuntimeException}; the caller counts and absorbs it.
 */
interface RedisOps extends AutoCloseable {

    byte @Nullable [] get(byte[] key);

    /** {@code SET key value PX ttl}, or without expiry when {@code ttlMillis} is 0. */
    void set(byte[] key, byte[] value, long ttlMillis);

    /** {@code SET key value NX PX ttl}: whether the key was set. */
    boolean setIfAbsent(String key, String value, long ttlMillis);

    void delete(byte[] key);

    long increment(String key);

    @Nullable
    String getString(String key);

    void publish(String channel, String message);

    /** Deletes the key only while it still holds {@code value} (a Lua script, so atomic). */
    void compareAndDelete(String key, String value);

    /**
     * Subscribes to a channel on a thread of its own that resubscribes after every disconnection until closed.
     * {@code onSubscribed} runs each time the subscription is (re)established.
     */
    AutoCloseable subscribe(String channel, Listener listener);

    // ---- streams, for the write-behind journal ----

    /** {@code XGROUP CREATE stream group 0 MKSTREAM}; nothing when the group exists. */
    void streamGroup(String stream, String group);

    /**
     * Appends an entry with fields {@code k} (and {@code v} unless {@code value} is null) and delivers it to {@code
     * consumer} of {@code group} in the same script, so that it is in that consumer's pending list at once.
     *
     * @return the entry's id
     */
    String streamAppend(String stream, String group, String consumer, byte[] key, byte @Nullable [] value);

    /** {@code XACK} and {@code XDEL} of one entry, in one script. */
    void streamSettle(String stream, String group, String id);

    /** The consumers of {@code group} with pending entries ({@code XPENDING} summary). */
    java.util.List<String> streamConsumers(String stream, String group);

    /**
     * Moves up to {@code count} pending entries of consumer {@code from} to consumer {@code to} ({@code XPENDING}
     * then {@code XCLAIM}, in one script), oldest first; entries deleted meanwhile are acknowledged and left out.
     */
    java.util.List<StreamEntry> streamClaim(String stream, String group, String from, String to, int count);

    /** One stream entry of the journal: its id, the key and the value ({@code null} for none). */
    record StreamEntry(String id, byte[] key, byte @Nullable [] value) {}

    @Override
    void close();

    /** Receives a subscription's events on its thread. */
    interface Listener {
        void subscribed();

        /** The subscription ended (the connection broke, or Redis could not be reached); a resubscription follows. */
        void disconnected();

        void message(String message);
    }
}
