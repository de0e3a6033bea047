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

    /**
     * The lease's first half, atomically (a script): the bytes under the key, or, when it is absent, sets it to {@code
     * lease} for {@code leaseMillis} and returns null.
     */
    byte @Nullable [] getOrLease(byte[] key, byte[] lease, long leaseMillis);

    /**
     * {@link #getOrLease} of each key with its own lease, in one round trip: a pipeline (on Cluster, one per node, sent
     * together). Each script is atomic on its own; the answers are in the order of {@code keys}.
     */
    java.util.List<byte @Nullable []> getOrLeaseAll(
            java.util.List<byte[]> keys, java.util.List<byte[]> leases, long leaseMillis);

    /**
     * The lease's second half, atomically (a script): sets the key to {@code value} ({@code PX ttl}, or without expiry
     * when {@code ttlMillis} is 0) only while the bytes it holds have the SHA-1 {@code expectedSha1} (lowercase hex).
     *
     * @return whether the key was set
     */
    boolean replace(byte[] key, String expectedSha1, byte[] value, long ttlMillis);

    /**
     * {@link #replace} of each key, in one round trip (a pipeline; on Cluster one per node, sent together); the answers
     * in the order of {@code keys}.
     */
    java.util.List<Boolean> replaceAll(
            java.util.List<byte[]> keys,
            java.util.List<String> expectedSha1s,
            java.util.List<byte[]> values,
            long ttlMillis);

    /**
     * A versioned write, atomically (a script): sets the key to {@code bytes} (a value or a tombstone of {@link
     * Envelope}, carrying its version) expiring at {@code expiresAtMillis} (epoch ms; 0: never), unless the key holds a
     * newer version (see {@link LeaseScripts#WRITE}).
     *
     * @return null when set; else the stamp of the newer version the key holds
     */
    byte @Nullable [] writeIfNewer(byte[] key, byte[] bytes, long expiresAtMillis);

    void delete(byte[] key);

    long increment(String key);

    @Nullable
    String getString(String key);

    void publish(String channel, String message);

    /**
     * Invalidates a tag, atomically on the server ({@code clockKey} and {@code tagKey} share a Cluster slot): advances
     * the tag clock, to at least a time seed (epoch microseconds), and sets the tag's key to the new reading; returns
     * it.
     */
    long invalidateTag(String clockKey, String tagKey);

    /**
     * The server's {@code maxmemory-policy} (on a Cluster, one node's: a Cluster's nodes are configured alike), or null
     * when it refuses {@code CONFIG GET}, as managed services that disable or rename it do.
     */
    @Nullable
    String evictionPolicy();

    /** {@code MGET} of keys of one Cluster slot: the values in order, null for an absent key. */
    java.util.List<byte @Nullable []> getAll(java.util.List<byte[]> keys);

    /**
     * Removes a lease marker while the key still holds it (a script, so atomic); a marker that replaced a tombstone
     * gives the tombstone back. Whether the key held it.
     */
    boolean compareAndDelete(byte[] key, byte[] value);

    /** {@link #compareAndDelete} of many keys, in one round trip (on a Cluster one per node); the answers in order. */
    java.util.List<Boolean> compareAndDeleteAll(java.util.List<byte[]> keys, java.util.List<byte[]> values);

    /**
     * The value of a generation key, set to {@code seed} first when it does not exist (a Lua script, so atomic): a
     * restart that lost the key starts from a number no JVM used before, rather than from 0.
     */
    long generation(String key, long seed);

    /**
     * Increments a generation key to at least {@code floor} (a Lua script, so atomic); returns the new value. A missing
     * key or one restored from an older snapshot jumps to {@code floor}, so a generation number is never used twice.
     */
    long nextGeneration(String key, long floor);

    /**
     * Subscribes to a channel on a thread of its own that resubscribes after every disconnection until closed.
     * {@code onSubscribed} runs each time the subscription is (re)established.
     */
    Subscription subscribe(String channel, Listener listener);

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

    /** A subscription kept alive by its own thread. */
    interface Subscription extends AutoCloseable {
        /**
         * Drops the current connection so that the subscription is made again on a new one: for a connection that
         * stopped delivering without closing (a silent partition), where waiting for it would wait forever.
         */
        void reconnect();

        @Override
        void close();
    }

    /** Receives a subscription's events on its thread. */
    interface Listener {
        void subscribed();

        /** The subscription ended (the connection broke, or Redis could not be reached); a resubscription follows. */
        void disconnected();

        void message(String message);
    }
}
