package dev.larder.internal.writebehind;

/** The cache write of one write-behind call; {@link WriteBehindQueue} runs it atomically with the enqueue. */
@FunctionalInterface
public interface CacheUpdate {
    void apply();
}
