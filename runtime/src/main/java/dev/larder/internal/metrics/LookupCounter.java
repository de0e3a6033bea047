package dev.larder.internal.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * An exact count of cache lookups, the one counter on the hit path, at the cost of a plain store per lookup.
 *
 * <p>Why not a {@link LongAdder}: its increment is an atomic read-modify-write (a locked instruction), which costs
 * about as much as the rest of a hit. Here each counting thread claims a slot and is from then on the slot's only
 * writer, so it adds with an ordinary load and store; readers see each slot's count whole because it is written with
 * opaque (untorn) stores. A thread looks for its slot among a few, starting at one picked by its id, and claims the
 * first free one, so a thread whose first choice a live thread holds (a set-up thread that is still alive, a pool
 * thread) still counts on the fast path. Only a thread that finds all of them held counts in a shared {@code
 * LongAdder}: slower, still exact. A slot whose owner has ended is taken over, count included: the ended thread can no
 * longer write, and seeing it ended makes its last count visible.
 *
 * <p>A slot's owner and its count sit on different cache lines: threads looking for their own slot read the owners of
 * others', and must not pull the line those owners write on every lookup.
 *
 * <p>Thread-safe; no increment is ever lost. {@link #sum()} is not an atomic snapshot while threads count, like {@code
 * LongAdder.sum()}.
 */
final class LookupCounter {
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    /** Longs per slot: 128 bytes, so two threads' slots never share a cache line (nor an adjacent-line prefetch pair). */
    private static final int STRIDE = 16;
    /** A slot's owner thread id; thread ids start at 1, so 0 marks a free slot. Written once per claim. */
    private static final int OWNER = 0;
    /** The count, 64 bytes after the owner: on a line of its own, written by the owner only. */
    private static final int COUNT = 8;
    /** Slots a thread looks at for its own, from the one its id picks. */
    private static final int PROBES = 4;

    private static final int SLOTS = slots(Runtime.getRuntime().availableProcessors());

    /** Slot {@code i} is {@code slots[base(i) + OWNER]} and {@code + COUNT}; padding before the first and after the last. */
    private final long[] slots = new long[(SLOTS + 2) * STRIDE];
    /** Each slot's owner, to tell on the slow path whether it has ended; read only when claiming a slot. */
    private final AtomicReferenceArray<Owner> owners = new AtomicReferenceArray<>(SLOTS);

    private final LongAdder shared = new LongAdder();

    /** Four slots per processor, a power of two: enough that pool threads rarely share one. */
    static int slots(int processors) {
        return Integer.highestOneBit(Math.max(1, processors) * 4 - 1) << 1;
    }

    /** Hot path: counts one lookup. No locked instruction, no allocation once the thread holds its slot. */
    void increment() {
        long id = Thread.currentThread().getId();
        int first = slot(id);
        int base = base(first);
        long[] s = slots;
        if (s[base + OWNER] == id) {
            // only this thread writes the count, so a plain read of it is current
            LONGS.setOpaque(s, base + COUNT, s[base + COUNT] + 1);
        } else {
            incrementElsewhere(id, first);
        }
    }

    /** Out of the hot path, which stays small enough to inline: the thread's slot is not its first choice. */
    private void incrementElsewhere(long id, int first) {
        long[] s = slots;
        for (int probe = 1; probe < PROBES; probe++) {
            int base = base((first + probe) & (SLOTS - 1));
            if (s[base + OWNER] == id) {
                LONGS.setOpaque(s, base + COUNT, s[base + COUNT] + 1);
                return;
            }
        }
        incrementSlow(id, first);
    }

    /** The thread holds none of its slots: it claims the first free one, or one whose owner has ended. */
    private void incrementSlow(long id, int first) {
        for (int probe = 0; probe < PROBES; probe++) {
            int slot = (first + probe) & (SLOTS - 1);
            int base = base(slot);
            long owner = (long) LONGS.getVolatile(slots, base + OWNER);
            if ((owner == 0 || hasEnded(slot, owner)) && LONGS.compareAndSet(slots, base + OWNER, owner, id)) {
                owners.set(slot, new Owner(Thread.currentThread(), id));
                // the count is the previous owner's final one (see hasEnded); this thread is now its only writer
                LONGS.setOpaque(slots, base + COUNT, (long) LONGS.getVolatile(slots, base + COUNT) + 1);
                return;
            }
        }
        shared.increment();
    }

    /** Whether the thread with this id, recorded as the slot's owner, has ended. False while unsure. */
    private boolean hasEnded(int slot, long ownerId) {
        Owner owner = owners.get(slot);
        if (owner == null || owner.id != ownerId) {
            return false; // its claim is not recorded yet: it is alive
        }
        Thread thread = owner.get();
        // Thread.isAlive() returning false happens after everything the thread did, its last count included
        return thread == null || !thread.isAlive();
    }

    /** Where slot {@code slot}'s longs start: one stride of padding before the first. */
    private static int base(int slot) {
        return (slot + 1) * STRIDE;
    }

    /** The first slot a thread with this id looks at. */
    static int slot(long id) {
        // Fibonacci hashing: consecutive ids, as a pool's threads have, land in different slots
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> 32) & (SLOTS - 1);
    }

    /**
     * The lookups counted so far. Includes every lookup that happened before anything this thread has seen (acquire
     * reads), such as a miss counted after its lookup.
     */
    long sum() {
        long sum = shared.sum();
        for (int slot = 0; slot < SLOTS; slot++) {
            sum += (long) LONGS.getAcquire(slots, base(slot) + COUNT);
        }
        return sum;
    }

    /** The lookups counted in the shared adder, by threads that found all their slots held. */
    long sharedCount() {
        return shared.sum();
    }

    /** A slot's owner, held weakly so that an ended thread (and its context class loader) can be collected. */
    private static final class Owner extends WeakReference<Thread> {
        final long id;

        Owner(Thread thread, long id) {
            super(thread);
            this.id = id;
        }
    }
}
