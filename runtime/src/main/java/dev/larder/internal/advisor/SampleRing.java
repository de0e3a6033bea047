package dev.larder.internal.advisor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.IntConsumer;

/**
 * The sampled key hashes between the threads that look keys up and the one that simulates: a lossy ring. Writers
 * never wait and never use an atomic read-modify-write; two writers racing for a slot may lose one sample, and a
 * drainer that falls a whole ring behind skips what was overwritten and counts it as dropped. A sample lost either way
 * is a lookup the simulation does not see, which lowers the effective sampling rate a little but biases no key.
 */
final class SampleRing {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(int[].class);
    private static final VarHandle WRITE;

    static {
        try {
            WRITE = MethodHandles.lookup().findVarHandle(SampleRing.class, "writeIndex", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int[] slots;
    private final int mask;

    @SuppressWarnings("unused") // through WRITE
    private int writeIndex;
    /** The drainer's position; touched by the one thread that holds the drain. */
    private int readIndex;

    private long dropped;

    SampleRing(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        slots = new int[capacity];
        mask = capacity - 1;
    }

    /**
     * Adds a non-zero sample; returns its position, so the caller can tell when to schedule a drain. Plain and release
     * stores only: this runs on a caller's thread.
     */
    int add(int sample) {
        int index = (int) WRITE.getOpaque(this);
        SLOTS.setRelease(slots, index & mask, sample);
        WRITE.setRelease(this, index + 1);
        return index;
    }

    /** Hands every sample written since the last drain to {@code sink}, in order. One drainer at a time. */
    void drainTo(IntConsumer sink) {
        int write = (int) WRITE.getAcquire(this);
        int behind = write - readIndex;
        if (behind < 0) {
            return; // two racing writers moved the index back; their samples are read on the next drain
        }
        if (behind > slots.length) {
            dropped += behind - slots.length;
            readIndex = write - slots.length;
        }
        for (; readIndex != write; readIndex++) {
            int i = readIndex & mask;
            int sample = (int) SLOTS.getAcquire(slots, i);
            // cleared once read, so a slot read again after writers moved the index back is not counted twice
            if (sample != 0 && SLOTS.compareAndSet(slots, i, sample, 0)) {
                sink.accept(sample);
            }
        }
    }

    /** Whether samples wait to be drained. */
    boolean pending() {
        return (int) WRITE.getAcquire(this) != readIndex;
    }

    /** Samples skipped because the drainer fell a whole ring behind. */
    long dropped() {
        return dropped;
    }
}
