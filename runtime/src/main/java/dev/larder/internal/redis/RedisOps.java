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
