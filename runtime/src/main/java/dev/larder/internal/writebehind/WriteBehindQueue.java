package dev.larder.internal.writebehind;

import dev.larder.DeadLetterHandler;
import dev.larder.FailedWrite;
import dev.larder.internal.metrics.CacheCounters;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The pending writes of one {@code @WriteBehind} method: the cache is written at once, the system of record later, in
 * batches, on the workers of a {@link WriteBehindScheduler}. Thread-safe; {@link #enqueue} never waits for a write.
 */
public final class WriteBehindQueue {

    /*
     * Design notes.
     *
     * Per-key state. Keys hash to one of STRIPES stripes, each a lock and a HashMap of KeyState. enqueue() runs the
     * cache update and records the write under the key's stripe lock, so for any key the order of cache updates is
     * the order of recorded writes: two racing writers leave the cache and the system of record on the same, last,
     * value. Every recorded write bumps the key's version. A KeyState lives while the key has writes in flight
     * (queued, being written or waiting for a retry) and is removed when the last one is resolved.
     *
     * Order. Writes are Entries in one ConcurrentLinkedQueue, in order of first enqueue; the offer happens under the
     * stripe lock, so entries of one key are in version order. With coalescing, KeyState.pending points at the key's
     * entry that no flush has claimed yet, and a later write rewrites that entry in place (keeping its place in line);
     * once a flush claims it, the next write to the key gets a new entry behind it.
     *
     * Flushing. Only the holder of flushLock polls the queue, writes and touches the retry heap, so flushes of one
     * queue never overlap and a later value of a key can never be written before an earlier one. Worker tasks take
     * the lock with tryLock and give up if it is held: whoever holds it calls reschedule() after unlocking, which
     * re-arms what is still needed (a full-batch task when batchSize entries wait, a timer for the oldest entry's
     * deadline, a retry task for the earliest retry). Because a task clears its "requested" flag before its tryLock,
     * and the holder reschedules after its unlock, no request is ever lost. Workers therefore never block on one
     * another, and a few threads serve many queues. flush() and close() run on the caller's thread under the same
     * lock; flush() offers a marker entry and drains up to it, which covers exactly the writes whose enqueue returned
     * before the call, then runs every outstanding retry, sleeping out its backoff itself.
     *
     * Retries. A failed call fails every write it carried. Each write is then dropped if its key's version moved on
     * (a newer write supersedes it: counted as coalesced), dead-lettered after 1 + maxRetries attempts, or put on
     * the retry heap with a fresh full-jitter backoff. Due retries run in batches like fresh writes and are checked
     * for supersession again first. Since a newer write to the key always supersedes a waiting retry, a retry
     * can never overwrite a newer value, whichever runs first.
     *
     * Close. close() sets closed, then takes and releases every stripe lock: after that no enqueue can still be
     * adding to the queue. It drains everything, then sets drained. A later enqueue sees closed and runs the body and
     * the cache update on its own thread, under the stripe lock, after waiting for the drain (so it cannot be
     * overtaken by an older queued value of its key).
     */

    private static final System.Logger LOGGER = System.getLogger("dev.larder.writebehind");
    private static final int STRIPES = 64;
    /** Full batches one worker task writes before yielding the thread to other queues. */
    private static final int MAX_BATCHES_PER_TASK = 8;

    private static final long NONE = Long.MAX_VALUE;

    private final WriteBehindSettings settings;
    private final @Nullable BatchWriter batchWriter;
    private final WriteBehindScheduler scheduler;
    private final Supplier<DeadLetterHandler> deadLetters;
    private final CacheCounters counters;
    private final RetryBackoff backoff;
    private final Journal journal;
    private final long delayNanos;

    private final Stripe[] stripes = new Stripe[STRIPES];
    private final ConcurrentLinkedQueue<Entry> order = new ConcurrentLinkedQueue<>();
    /** Entries in {@link #order}, markers aside: what the batch-size trigger looks at. */
    private final AtomicInteger queued = new AtomicInteger();
    /** Writes enqueued and not yet written, dead-lettered or superseded. */
    private final AtomicInteger outstanding = new AtomicInteger();

    private final ReentrantLock flushLock = new ReentrantLock();
    /** Guarded by {@link #flushLock}. */
    private final PriorityQueue<Retry> retries =
            new PriorityQueue<>(Comparator.comparingLong(Retry::due).thenComparingLong(Retry::sequence));
    /** Guarded by {@link #flushLock}; keeps retries due at the same moment in the order they failed. */
    private long retrySequence;
    /** When the earliest retry is due, or {@link #NONE}; written under {@link #flushLock}, read after unlocking. */
    private volatile long nextRetryDue = NONE;

    private final AtomicBoolean timerArmed = new AtomicBoolean();
    private final AtomicBoolean fullRequested = new AtomicBoolean();
    private final AtomicLong retryWakeAt = new AtomicLong(NONE);

    private volatile boolean closed;
    private volatile boolean drained;

    /** A queue retrying with {@link RetryBackoff#DEFAULT}: 100 ms doubling up to 30 s, with full jitter. */
    public WriteBehindQueue(
            WriteBehindSettings settings,
            @Nullable BatchWriter batchWriter,
            WriteBehindScheduler scheduler,
            Supplier<DeadLetterHandler> deadLetters,
            CacheCounters counters) {
        this(settings, batchWriter, scheduler, deadLetters, counters, RetryBackoff.DEFAULT);
    }

    /**
     * A queue for one {@code @WriteBehind} method.
     *
     * @param batchWriter calls the method's {@code batchMethod}; {@code null} runs each write's body instead
     * @param deadLetters asked for the handler each time a write is given up, so a reconfigured handler applies
     * @param counters the cache's counters; the queue adds its {@link #pending()} writes to their depth
     */
    public WriteBehindQueue(
            WriteBehindSettings settings,
            @Nullable BatchWriter batchWriter,
            WriteBehindScheduler scheduler,
            Supplier<DeadLetterHandler> deadLetters,
            CacheCounters counters,
            RetryBackoff backoff) {
        this(settings, batchWriter, scheduler, deadLetters, counters, backoff, Journal.NONE);
    }

    /** A queue that keeps its writes in {@code journal} until they are written, superseded or dead-lettered. */
    public WriteBehindQueue(
            WriteBehindSettings settings,
            @Nullable BatchWriter batchWriter,
            WriteBehindScheduler scheduler,
            Supplier<DeadLetterHandler> deadLetters,
            CacheCounters counters,
            RetryBackoff backoff,
            Journal journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.batchWriter = batchWriter;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.delayNanos = saturatedNanos(settings);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
        counters.addWriteBehindDepth(outstanding::get);
    }

    /**
     * Writes {@code value} to the cache now and queues the write to the system of record. {@code cacheUpdate} runs on
     * the caller's thread, atomically with the queuing for {@code key}: of two racing writes to a key, the one whose
     * cache update ran last is also written last. With coalescing, a write to a key whose previous write is still
     * queued replaces it. Returns without waiting for any write.
     *
     * <p>If {@code cacheUpdate} throws, nothing is queued and the exception reaches the caller. After {@link
     * #close()}, runs {@code body} and then, if it returned normally, {@code cacheUpdate} on the caller's thread;
     * whatever {@code body} throws reaches the caller unchanged.
     *
     * @param target the object whose method was called; a batch goes to the batch method of this object
     * @param key the cache key, compared by {@code equals}
     * @param value the value stored, handed to the batch method and to a dead letter
     * @param body the deferred method body
     * @param cacheUpdate the cache write
     */
    public void enqueue(Object target, Object key, @Nullable Object value, Writer body, CacheUpdate cacheUpdate) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(cacheUpdate, "cacheUpdate");
        if (!closed && enqueueLater(target, key, value, body, cacheUpdate)) {
            return;
        }
        writeNow(key, body, cacheUpdate);
    }

    /**
     * Blocks until every write whose {@link #enqueue} returned before this call has been written, dead-lettered or
     * superseded. Retries run on this thread once their backoff has passed; an interrupt skips the remaining
     * backoffs (the retries still run) and stays set. Terminates even if every write fails: a write is tried at
     * most {@code 1 + maxRetries} times.
     */
    public void flush() {
        flushLock.lock();
        try {
            drainLocked();
        } finally {
            unlockAndReschedule();
        }
    }

    /** Writes enqueued and not yet written, dead-lettered or superseded (retries waiting included). */
    public int pending() {
        return outstanding.get();
    }

    /**
     * Flushes every pending write, then switches to writing synchronously: later {@link #enqueue} calls run the body
     * and the cache update on the caller's thread. Nothing acknowledged is lost. Safe to call more than once.
     */
    public void close() {
        flushLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            // Every enqueue that saw the queue open holds its stripe's lock until its entry is queued.
            for (Stripe stripe : stripes) {
                stripe.lock.lock();
                stripe.lock.unlock();
            }
            drainLocked();
            drained = true;
        } finally {
            flushLock.unlock();
        }
    }

    // ---- enqueue ----

    private boolean enqueueLater(
            Object target, Object key, @Nullable Object value, Writer body, CacheUpdate cacheUpdate) {
        Stripe stripe = stripeOf(key);
        boolean newEntry;
        stripe.lock.lock();
        try {
            if (closed) {
                return false;
            }
            long sequence;
            try {
                sequence = journal.append(key, value);
            } catch (RuntimeException e) {
                LOGGER.log(
                        Level.WARNING,
                        () -> "Write-behind journal of cache '" + settings.cache()
                                + "' cannot keep a write; writing it synchronously: " + e.getMessage());
                return false;
            }
            cacheUpdate.apply();
            newEntry = record(stripe, target, key, value, body, sequence);
        } finally {
            stripe.lock.unlock();
        }
        counters.writeBehindQueued();
        if (newEntry) {
            requestFlush();
        } else {
            counters.writeBehindCoalesced();
        }
        return true;
    }

    /** Records a write under its stripe lock; returns whether it became a new entry (rather than coalesced). */
    private boolean record(
            Stripe stripe, Object target, Object key, @Nullable Object value, Writer body, long sequence) {
        KeyState state = stripe.keys.computeIfAbsent(key, k -> new KeyState());
        long version = ++state.version;
        Entry pending = state.pending;
        if (pending != null) {
            long replaced = pending.sequence;
            pending.rewrite(target, value, body, version, sequence);
            journal.settle(replaced);
            return false;
        }
        Entry entry = new Entry(key, System.nanoTime());
        entry.rewrite(target, value, body, version, sequence);
        if (settings.coalesce()) {
            state.pending = entry;
        }
        state.inFlight++;
        outstanding.incrementAndGet();
        queued.incrementAndGet();
        order.offer(entry);
        return true;
    }

    private void writeNow(Object key, Writer body, CacheUpdate cacheUpdate) {
        if (!drained) {
            // close() is still writing queued values, possibly older values of this key: let it finish first.
            flushLock.lock();
            flushLock.unlock();
        }
        Stripe stripe = stripeOf(key);
        stripe.lock.lock();
        try {
            body.write();
            cacheUpdate.apply();
        } catch (Throwable failure) {
            throw WriteBehindQueue.<RuntimeException>sneakyThrow(failure);
        } finally {
            stripe.lock.unlock();
        }
        counters.writeBehindWritten(1);
    }

    // ---- scheduling ----

    private void requestFlush() {
        if (queued.get() >= settings.batchSize()) {
            requestFull();
        } else {
            requestTimer();
        }
    }

    private void requestFull() {
        if (fullRequested.compareAndSet(false, true)) {
            scheduler.schedule(this::runFull, 0);
        }
    }

    private void requestTimer() {
        if (timerArmed.compareAndSet(false, true)) {
            scheduler.schedule(this::runTimer, untilOldestIsDue());
        }
    }

    private void requestRetry(long due) {
        for (long current = retryWakeAt.get(); due < current; current = retryWakeAt.get()) {
            if (retryWakeAt.compareAndSet(current, due)) {
                scheduler.schedule(() -> runRetries(due), due - System.nanoTime());
                return;
            }
        }
    }

    private long untilOldestIsDue() {
        Entry oldest = order.peek();
        if (oldest == null || oldest.isMarker()) {
            return delayNanos;
        }
        long deadline = oldest.enqueuedAt + delayNanos;
        return Math.max(0, deadline - System.nanoTime());
    }

    /** After releasing {@link #flushLock}: re-arms whatever the work left behind still needs. */
    private void unlockAndReschedule() {
        flushLock.unlock();
        int waiting = queued.get();
        if (waiting >= settings.batchSize()) {
            requestFull();
        } else if (waiting > 0) {
            requestTimer();
        }
        long due = nextRetryDue;
        if (due != NONE) {
            requestRetry(due);
        }
    }

    private void runFull() {
        fullRequested.set(false);
        if (!flushLock.tryLock()) {
            return; // the holder reschedules when it unlocks
        }
        try {
            for (int i = 0; i < MAX_BATCHES_PER_TASK && queued.get() >= settings.batchSize(); i++) {
                write(take(settings.batchSize(), null));
            }
            runDueRetries(System.nanoTime());
        } finally {
            unlockAndReschedule();
        }
    }

    private void runTimer() {
        timerArmed.set(false);
        if (!flushLock.tryLock()) {
            return;
        }
        try {
            // Sweep the young writes along with the due one: fewer, fuller batches. Bounded, so that writers
            // outpacing the flush cannot keep one task busy forever.
            for (int left = queued.get(); left > 0; ) {
                List<Attempt> batch = take(Math.min(left, settings.batchSize()), null);
                if (batch.isEmpty()) {
                    break;
                }
                left -= batch.size();
                write(batch);
            }
            runDueRetries(System.nanoTime());
        } finally {
            unlockAndReschedule();
        }
    }

    private void runRetries(long wakeAt) {
        retryWakeAt.compareAndSet(wakeAt, NONE);
        if (!flushLock.tryLock()) {
            return;
        }
        try {
            runDueRetries(System.nanoTime());
        } finally {
            unlockAndReschedule();
        }
    }

    // ---- flushing: only with flushLock held ----

    private void drainLocked() {
        Entry marker = Entry.marker();
        order.offer(marker);
        try {
            for (List<Attempt> batch = take(settings.batchSize(), marker);
                    !batch.isEmpty();
                    batch = take(settings.batchSize(), marker)) {
                write(batch);
            }
        } finally {
            order.remove(marker);
        }
        boolean interrupted = false;
        while (true) {
            retries.removeIf(retry -> dropIfSuperseded(retry.attempt()));
            Retry next = retries.peek();
            if (next == null) {
                break;
            }
            long wait = next.due() - System.nanoTime();
            if (wait > 0 && !interrupted) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            runDueRetries(interrupted ? NONE : System.nanoTime());
        }
        retriesChanged();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls up to {@code max} entries, stopping at {@code stopAt}, and claims them for writing. */
    private List<Attempt> take(int max, @Nullable Entry stopAt) {
        List<Attempt> batch = new ArrayList<>(Math.min(max, 128));
        while (batch.size() < max) {
            Entry head = order.peek();
            if (head == null || head == stopAt) {
                break;
            }
            order.poll();
            if (head.isMarker()) {
                continue; // left by a drain that ended abnormally
            }
            queued.decrementAndGet();
            batch.add(claim(head));
        }
        return batch;
    }

    /** Freezes an entry's latest write; later writes to its key get a new entry. */
    private Attempt claim(Entry entry) {
        Stripe stripe = stripeOf(entry.key);
        stripe.lock.lock();
        try {
            KeyState state = stripe.keys.get(entry.key);
            if (state != null && state.pending == entry) {
                state.pending = null;
            }
            return new Attempt(entry.target, entry.key, entry.value, entry.body, entry.version, 1, entry.sequence);
        } finally {
            stripe.lock.unlock();
        }
    }

    private void runDueRetries(long now) {
        List<Attempt> due = new ArrayList<>();
        while (!retries.isEmpty() && retries.peek().due() <= now) {
            Attempt attempt = retries.poll().attempt();
            if (!dropIfSuperseded(attempt)) {
                due.add(attempt.next());
            }
        }
        for (int from = 0; from < due.size(); from += settings.batchSize()) {
            List<Attempt> batch = due.subList(from, Math.min(due.size(), from + settings.batchSize()));
            for (int i = 0; i < batch.size(); i++) {
                counters.writeBehindRetried();
            }
            write(batch);
        }
        retriesChanged();
    }

    private void write(List<Attempt> batch) {
        if (batch.isEmpty()) {
            return;
        }
        if (batchWriter == null) {
            for (Attempt attempt : batch) {
                call(List.of(attempt));
            }
        } else {
            for (List<Attempt> group : groupByTarget(batch)) {
                call(group);
            }
        }
    }

    /**
     * Groups a batch by target identity, in order of first appearance. If a key comes back under another target, a
     * new round of groups starts there, so that no key's older value is written after its newer one.
     */
    static List<List<Attempt>> groupByTarget(List<Attempt> batch) {
        List<List<Attempt>> calls = new ArrayList<>();
        Map<Object, List<Attempt>> groups = new IdentityHashMap<>();
        Map<Object, Object> targetOfKey = new HashMap<>();
        for (Attempt attempt : batch) {
            Object previous = targetOfKey.put(attempt.key(), attempt.target());
            if (previous != null && previous != attempt.target()) {
                groups.clear();
                targetOfKey.clear();
                targetOfKey.put(attempt.key(), attempt.target());
            }
            List<Attempt> group = groups.get(attempt.target());
            if (group == null) {
                group = new ArrayList<>();
                groups.put(attempt.target(), group);
                calls.add(group);
            }
            group.add(attempt);
        }
        return calls;
    }

    /** One call to the system of record: one body, or the batch method with one group's values. */
    private void call(List<Attempt> group) {
        try {
            BatchWriter writer = batchWriter;
            if (writer == null) {
                group.get(0).body().write();
            } else {
                List<Object> values = new ArrayList<>(group.size());
                for (Attempt attempt : group) {
                    values.add(attempt.value());
                }
                writer.write(group.get(0).target(), Collections.unmodifiableList(values));
            }
        } catch (Throwable failure) {
            failed(group, failure);
            return;
        }
        counters.writeBehindWritten(group.size());
        for (Attempt attempt : group) {
            resolve(attempt);
        }
    }

    /** The writes of a failed call wait one backoff together, so they are retried together and in order. */
    private void failed(List<Attempt> group, Throwable cause) {
        int attempts = 0;
        for (Attempt attempt : group) {
            attempts = Math.max(attempts, attempt.attempts());
        }
        long due = System.nanoTime() + backoff.delayNanos(attempts);
        for (Attempt attempt : group) {
            if (dropIfSuperseded(attempt)) {
                continue;
            }
            if (attempt.attempts() > settings.maxRetries()) {
                deadLetter(attempt, cause);
            } else {
                retries.add(new Retry(attempt, due, retrySequence++));
            }
        }
        retriesChanged();
    }

    private void deadLetter(Attempt attempt, Throwable cause) {
        resolve(attempt);
        counters.writeBehindDeadLettered();
        FailedWrite write =
                new FailedWrite(settings.cache(), attempt.key(), attempt.value(), cause, attempt.attempts());
        try {
            deadLetters.get().deadLetter(write);
        } catch (Throwable failure) {
            LOGGER.log(
                    Level.WARNING,
                    () -> "Dead-letter handler of cache '" + settings.cache() + "' threw; write for key "
                            + attempt.key() + " dropped",
                    failure);
        }
    }

    private void retriesChanged() {
        Retry next = retries.peek();
        nextRetryDue = next == null ? NONE : next.due();
    }

    // ---- per-key bookkeeping ----

    /** Drops a write, as coalesced, if its key was written again since; returns whether it did. */
    private boolean dropIfSuperseded(Attempt attempt) {
        Stripe stripe = stripeOf(attempt.key());
        stripe.lock.lock();
        try {
            KeyState state = stripe.keys.get(attempt.key());
            if (state == null || state.version == attempt.version()) {
                return false;
            }
            release(stripe, attempt.key(), state);
        } finally {
            stripe.lock.unlock();
        }
        journal.settle(attempt.sequence());
        counters.writeBehindCoalesced();
        return true;
    }

    /** A write is done with: written, dead-lettered or superseded. */
    private void resolve(Attempt attempt) {
        Stripe stripe = stripeOf(attempt.key());
        stripe.lock.lock();
        try {
            KeyState state = stripe.keys.get(attempt.key());
            if (state != null) {
                release(stripe, attempt.key(), state);
            }
        } finally {
            stripe.lock.unlock();
        }
        journal.settle(attempt.sequence());
    }

    private void release(Stripe stripe, Object key, KeyState state) {
        if (--state.inFlight == 0) {
            stripe.keys.remove(key);
        }
        outstanding.decrementAndGet();
    }

    private Stripe stripeOf(Object key) {
        int hash = key.hashCode();
        return stripes[(hash ^ (hash >>> 16)) & (STRIPES - 1)];
    }

    private static long saturatedNanos(WriteBehindSettings settings) {
        try {
            return settings.delay().toNanos();
        } catch (ArithmeticException tooLong) {
            return NONE;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneakyThrow(Throwable failure) throws T {
        throw (T) failure;
    }

    private static final class Stripe {
        final ReentrantLock lock = new ReentrantLock();
        final HashMap<Object, KeyState> keys = new HashMap<>();
    }

    /** Guarded by its stripe's lock. */
    private static final class KeyState {
        /** Bumped by every write to the key; a write whose version is behind is superseded. */
        long version;
        /** Entries and retries of this key not yet resolved. */
        int inFlight;
        /** With coalescing: the key's queued entry no flush has claimed yet. */
        @Nullable
        Entry pending;
    }

    /** A queued write. Its fields are rewritten by coalescing, under the key's stripe lock. */
    private static final class Entry {
        final @Nullable Object key; // null for a flush marker
        final long enqueuedAt;
        Object target;

        @Nullable
        Object value;

        Writer body;
        long version;
        long sequence;

        Entry(@Nullable Object key, long enqueuedAt) {
            this.key = key;
            this.enqueuedAt = enqueuedAt;
        }

        static Entry marker() {
            return new Entry(null, 0);
        }

        boolean isMarker() {
            return key == null;
        }

        void rewrite(Object target, @Nullable Object value, Writer body, long version, long sequence) {
            this.target = target;
            this.value = value;
            this.body = body;
            this.version = version;
            this.sequence = sequence;
        }
    }

    /** One write as claimed for writing, with the number of attempts made including the current one. */
    record Attempt(
            Object target, Object key, @Nullable Object value, Writer body, long version, int attempts, long sequence) {
        Attempt(Object target, Object key, @Nullable Object value, Writer body, long version, int attempts) {
            this(target, key, value, body, version, attempts, 0);
        }

        Attempt next() {
            return new Attempt(target, key, value, body, version, attempts + 1, sequence);
        }
    }

    private record Retry(Attempt attempt, long due, long sequence) {}
}
