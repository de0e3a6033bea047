package dev.larder.internal.writebehind;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link WriteBehindQueue} tells the cache about the keys it holds writes for, so that reads see a pending
 * write until the system of record has it, and stop seeing a write that was given up. Called under the key's lock in
 * the queue, so calls for one key never overlap and come in the order of the writes.
 */
public interface CacheSide {

    /** Tells the cache nothing: for queues whose reads need no help (tests, a queue without a cache). */
    CacheSide NONE = new CacheSide() {
        @Override
        public Object pending(Object key, @Nullable Object value) {
            return this;
        }

        @Override
        public void written(Object key, Object token) {}

        @Override
        public void deadLettered(@Nullable Object key, @Nullable Object token) {}
    };

    /**
     * A write of {@code value} (null: a removal) to {@code key} is pending; it replaces any earlier pending value of
     * the key. Returns a token naming this pending value in {@link #written} and {@link #deadLettered}.
     */
    Object pending(Object key, @Nullable Object value);

    /** The key has no pending write any more: the system of record has the value {@code token} names. */
    void written(Object key, Object token);

    /**
     * The key's latest write was given up: the cache must stop serving its value in every tier. {@code key} is null
     * for a write recovered from the journal of an earlier JVM whose key no write of this JVM named: the cache then
     * drops every key. {@code token} is null when this JVM never made the key pending.
     */
    void deadLettered(@Nullable Object key, @Nullable Object token);
}
