package dev.larder.internal.writebehind;

import dev.larder.DeadLetterHandler;
import dev.larder.FailedWrite;
import dev.larder.internal.key.KeyEncoder;
import dev.larder.internal.log.Logs;
import dev.larder.internal.metrics.CacheCounters;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
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
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The pending writes of one {@code @WriteBehind} method: the cache is written at once, the system of record later, in
 * batches, on the workers of a {@link WriteBehindScheduler}. Thread-safe.
 *
 * <p>Guarantees: every write {@link #enqueue} accepted is written, or given to the dead-letter handler with its cause
 * (and its key then dropped from the cache), or superseded by a newer write of its key that is; writes of one key
 * reach the system of record in the order of their cache updates, also across retries; a batch the system of record
 * rejects is split so that the rows it accepts land; a write is retried for up to {@code maxAge}; at most {@code
 * maxPending} writes are held, a writer finding them all taken waits. After {@link #close()} a write takes the same
 * path and is written before {@code enqueue} returns. With a {@link Journal}, a write is appended to it before {@code
 * enqueue} returns and settled once it needs no keeping.
 */
public final class WriteBehindQueue {

    /*
     * Design notes.
     *
     * Per-key state. Keys (or, with a journal, their encoding: what identifies a key across JVMs) hash to one of
     * STRIPES stripes, each a lock and a HashMap of KeyState. enqueue() appends to the journal, runs the cache update
     * and records the write under the key's stripe lock, so for any key the order of cache updates is the order of
     * journal appends and of recorded writes. Every recorded write bumps the key's version. A KeyState lives while
     * the key has writes in flight and is removed when the last one is resolved.
     *
     * Order. Writes are Entries in one ConcurrentLinkedQueue, in order of first enqueue. With coalescing,
     * KeyState.pending is the key's entry no flush has claimed yet, and a later write rewrites it in place (keeping
     * its place in line, merging the journal sequences it carries).
     *
     * One active write per key. A claimed write is an Attempt. At most one Attempt per key is active: in the batch
     * being written or waiting in the retry heap. A later write of the key claimed meanwhile is parked behind it and
     * becomes active (through `ready`, written first by the next flush) when the active one is resolved. So an
     * older write's retry can never overtake a newer write, and a batch never holds a key twice, so its halves can be
     * written in any order. With coalescing a newer write replaces a waiting retry (the retry is cancelled) or a
     * parked write instead of queuing behind it.
     *
     * Flushing. Only the holder of flushLock claims, writes and touches retries, `ready`, parked writes and
     * `successes`, so flushes never overlap. Worker tasks take the lock with tryLock and give up if it is held:
     * whoever holds it calls unlockAndReschedule() after unlocking, which re-arms what is still needed. Because a task
     * clears its "requested" flag before its tryLock, and the holder reschedules after its unlock, no request is
     * lost. flush() and close() run on the caller's thread; flush() offers a marker entry and drains up to it, then
     * writes parked writes and runs every outstanding retry, sleeping out its backoff itself.
     *
     * Failures. A failed call of a group of writes is split in halves, each written again at once; a half that fails
     * while its sibling landed is split again, down to the single failing rows. When both halves fail (an outage looks
     * like that), each half waits for a retry and is split again then. A failure counts against maxRetries only if
     * the system of record accepted some write since the write's previous failure (it rejects this row; it is not
     * down); every write is dead-lettered once it fails older than maxAge. A dead-lettered write that was its key's
     * latest tells the cache side to drop the key in every tier.
     *
     * Bound. outstanding counts the writes held; enqueue reserves a slot by compare-and-set before recording and
     * gives it back if its write coalesced; a writer finding none waits on `room` (and asks for a flush now).
     *
     * Close. close() sets closed and drains under flushLock. An enqueue checks closed after recording its write: if
     * it saw the queue open, its entry was queued before close's marker; if closed, it flushes itself, so it returns
     * once its write was written (or dead-lettered), through the same batch writer and retries.
     */

    private static final System.Logger LOGGER = Logs.get("dev.larder.writebehind");
    private static final int STRIPES = 64;
    /** Full batches one worker task writes before yielding the thread to other queues. */
    private static final int MAX_BATCHES_PER_TASK = 8;
    /** How long a writer waiting for room sleeps before it looks again, should a signal be missed. */
    private static final long ROOM_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private static final long NONE = Long.MAX_VALUE;
    private static final long[] NO_SEQUENCES = new long[0];

    private final WriteBehindSettings settings;
    private final @Nullable BatchWriter batchWriter;
    private final @Nullable ValueWriter valueWriter;
    private final WriteBehindScheduler scheduler;
    private final Supplier<DeadLetterHandler> deadLetters;
    private final CacheCounters counters;
    private final RetryBackoff backoff;
    private final Journal journal;
    private final boolean journaled;
    private final CacheSide cacheSide;
    private final long delayNanos;
    private final long maxAgeNanos;

    private final Stripe[] stripes = new Stripe[STRIPES];
    private final ConcurrentLinkedQueue<Entry> order = new ConcurrentLinkedQueue<>();
    /** Entries in {@link #order}, markers aside: what the batch-size trigger looks at. */
    private final AtomicInteger queued = new AtomicInteger();
    /** Writes held: queued, parked, being written or waiting for a retry. At most {@code maxPending}. */
    private final AtomicInteger outstanding = new AtomicInteger();

    private final ReentrantLock flushLock = new ReentrantLock();
    /** Guarded by {@link #flushLock}. */
    private final PriorityQueue<Retry> retries =
            new PriorityQueue<>(Comparator.comparingLong(Retry::due).thenComparingLong(Retry::sequence));
    /** Guarded by {@link #flushLock}: parked writes whose key became free, written ahead of the queue. */
    private final ArrayDeque<Attempt> ready = new ArrayDeque<>();
    /** Guarded by {@link #flushLock}; keeps retries due at the same moment in the order they failed. */
    private long retrySequence;
    /** Guarded by {@link #flushLock}: numbers the batches {@link #take} assembles. */
    private long batchNumber;
    /** Guarded by {@link #flushLock}: calls the system of record accepted, to tell a bad row from an outage. */
    private long successes;
    /** When the earliest retry is due, or {@link #NONE}; written under {@link #flushLock}, read after unlocking. */
    private volatile long nextRetryDue = NONE;
    /** Written under {@link #flushLock}, read after unlocking. */
    private volatile boolean readyLeft;

    private final AtomicBoolean timerArmed = new AtomicBoolean();
    private final AtomicBoolean fullRequested = new AtomicBoolean();
    private final AtomicBoolean urgentRequested = new AtomicBoolean();
    private final AtomicLong retryWakeAt = new AtomicLong(NONE);

    private final ReentrantLock roomLock = new ReentrantLock();
    private final Condition room = roomLock.newCondition();
    private final AtomicInteger waiters = new AtomicInteger();

    /** The object the latest write was called on: the target of recovered writes, which have none of their own. */
    private volatile @Nullable Object lastTarget;

    private volatile boolean closed;

    /** A queue retrying with {@link RetryBackoff#DEFAULT}: 100 ms doubling up to 30 s, with full jitter. */
    public WriteBehindQueue(
            WriteBehindSettings settings,
            @Nullable BatchWriter batchWriter,
            WriteBehindScheduler scheduler,
            Supplier<DeadLetterHandler> deadLetters,
            CacheCounters counters) {
        this(settings, batchWriter, scheduler, deadLetters, counters, RetryBackoff.DEFAULT);
    }

    /** A queue without a journal or a cache side. */
    public WriteBehindQueue(
            WriteBehindSettings settings,
            @Nullable BatchWriter batchWriter,
            WriteBehindScheduler scheduler,
            Supplier<DeadLetterHandler> deadLetters,
            CacheCounters counters,
            RetryBackoff backoff) {
        this(settings, batchWriter, scheduler, deadLetters, counters, backoff, Journal.NONE, CacheSide.NONE, null);
    }

    /**
     * A queue for one {@code @WriteBehind} method. Queues the writes {@code journal} recovers ahead of every write of
     * this JVM; they wait until a first {@link #enqueue} (or {@link #adoptTarget}) names the object to write them
     * through.
     *
     * @param batchWriter calls the method's {@code batchMethod}; {@code null} runs each write's body instead
     * @param deadLetters asked for the handler each time a write is given up, so a reconfigured handler applies
     * @param counters the cache's counters; the queue adds its {@link #pending()} writes to their depth
     * @param journal where writes are kept until written; {@link Journal#NONE} keeps nothing. With a journal, keys are
     *     identified by their {@link KeyEncoder} encoding, as recovered writes are
     * @param cacheSide told which keys have pending writes and which were given up
     * @param valueWriter writes a recovered value when there is no {@code batchWriter}; {@code null}: such writes are
     *     dead-lettered
     */
    public WriteBehindQueue(
            WriteBehindSettings settings,
            @Nullable BatchWriter batchWriter,
            WriteBehindScheduler scheduler,
            Supplier<DeadLetterHandler> deadLetters,
            CacheCounters counters,
            RetryBackoff backoff,
            Journal journal,
            CacheSide cacheSide,
            @Nullable ValueWriter valueWriter) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.batchWriter = batchWriter;
        this.valueWriter = valueWriter;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.journaled = journal != Journal.NONE;
        this.cacheSide = Objects.requireNonNull(cacheSide, "cacheSide");
        this.delayNanos = saturatedNanos(settings.delay());
        this.maxAgeNanos = saturatedNanos(settings.maxAge());
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
        counters.addWriteBehindDepth(outstanding::get);
        List<Journal.Recovered> recovered = journal.recover();
        for (Journal.Recovered write : recovered) {
            recordRecovered(write);
        }
        if (!recovered.isEmpty()) {
            LOGGER.log(
                    Level.INFO,
                    () -> "Cache '" + settings.cache() + "': " + recovered.size()
                            + " write-behind writes of an earlier run recovered from the journal; they are written"
                            + " once this method is next called");
        }
    }

    /**
     * Writes {@code value} to the cache now and queues the write to the system of record. {@code cacheUpdate} runs on
     * the caller's thread, atomically with the queuing for {@code key}: of two racing writes to a key, the one whose
     * cache update ran last is also written last. With coalescing, a write to a key whose previous write is still
     * queued replaces it. With a journal the write is appended to it first.
     *
     * <p>Returns without waiting for the write, unless the queue holds {@code maxPending} writes (the caller then
     * waits for room, counted as a write-behind wait) or is closed (the caller then writes every pending write, its
     * own included, retrying as a worker would). A failure of the system of record never reaches the caller. If the
     * journal or {@code cacheUpdate} throws, nothing is queued and the exception reaches the caller.
     *
     * @param target the object whose method was called; a batch goes to the batch method of this object
     * @param key the cache key, compared by {@code equals}
     * @param value the value stored, handed to the batch method and to a dead letter
     * @param body the deferred method body, run when there is no batch method
     * @param cacheUpdate the cache write
     */
    public void enqueue(Object target, Object key, @Nullable Object value, Writer body, CacheUpdate cacheUpdate) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(cacheUpdate, "cacheUpdate");
        Object id = journaled ? KeyEncoder.encode(key) : key;
        lastTarget = target;
        boolean interrupted = reserve();
        boolean newEntry = false;
        try {
            newEntry = record(id, target, key, value, body, cacheUpdate);
        } finally {
            if (!newEntry) {
                releaseSlot();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (closed) {
            flush();
        } else if (newEntry) {
            requestFlush();
        }
    }

    /**
     * Names the object recovered writes are written through (their batch method's target) when no write of this JVM
     * has named one yet.
     */
    public void adoptTarget(Object target) {
        Objects.requireNonNull(target, "target");
        if (lastTarget == null) {
            lastTarget = target;
            requestFlush();
        }
    }

    /**
     * Blocks until every write whose {@link #enqueue} returned before this call has been written, dead-lettered or
     * superseded. Retries run on this thread once their backoff has passed; an interrupt skips the remaining
     * backoffs (the retries still run) and stays set. Terminates even if every write fails: a write is dead-lettered
     * once it fails older than {@code maxAge}. Recovered writes still waiting for a target stay queued.
     */
    public void flush() {
        flushLock.lock();
        try {
            drainLocked();
        } finally {
            unlockAndReschedule();
        }
    }

    /** Writes held: queued, being written, or waiting for a retry. */
    public int pending() {
        return outstanding.get();
    }

    /**
     * Flushes every pending write, then switches to writing on the caller's thread: a later {@link #enqueue} queues
     * its write and flushes. Nothing acknowledged is lost. Safe to call more than once.
     */
    public void close() {
        flushLock.lock();
        try {
            closed = true;
            drainLocked();
        } finally {
            flushLock.unlock();
        }
    }

    // ---- enqueue ----

    /**
     * Takes a slot of {@code maxPending}, waiting for one when they are all taken; returns whether the wait was
     * interrupted (the interrupt is restored once the write is queued).
     */
    private boolean reserve() {
        boolean waited = false;
        boolean interrupted = false;
        while (true) {
            int held = outstanding.get();
            if (held < settings.maxPending() || flushLock.isHeldByCurrentThread()) {
                if (outstanding.compareAndSet(held, held + 1)) {
                    return interrupted;
                }
                continue;
            }
            if (!waited) {
                waited = true;
                counters.writeBehindWaited();
            }
            interrupted |= awaitRoom();
        }
    }

    private boolean awaitRoom() {
        if (closed || scheduler.isClosed()) {
            flush(); // no worker is left to make room
            return false;
        }
        requestUrgent();
        waiters.incrementAndGet();
        roomLock.lock();
        try {
            if (outstanding.get() >= settings.maxPending()) {
                room.awaitNanos(ROOM_POLL_NANOS);
            }
            return false;
        } catch (InterruptedException e) {
            return true;
        } finally {
            roomLock.unlock();
            waiters.decrementAndGet();
        }
    }

    private void releaseSlot() {
        outstanding.decrementAndGet();
        if (waiters.get() > 0) {
            roomLock.lock();
            try {
                room.signalAll();
            } finally {
                roomLock.unlock();
            }
        }
    }

    /** Records a write under its stripe lock; returns whether it became a new entry (rather than coalesced). */
    private boolean record(
            Object id, Object target, Object key, @Nullable Object value, Writer body, CacheUpdate cacheUpdate) {
        Stripe stripe = stripeOf(id);
        stripe.lock.lock();
        try {
            long sequence = journaled ? journal.append(key, value) : 0;
            try {
                cacheUpdate.apply();
            } catch (RuntimeException | Error failure) {
                if (journaled) {
                    journal.settle(sequence);
                }
                throw failure;
            }
            KeyState state = stripe.keys.get(id);
            if (state == null) {
                state = new KeyState();
                stripe.keys.put(id, state);
            }
            state.cacheKey = key;
            state.token = cacheSide.pending(key, value);
            long version = ++state.version;
            counters.writeBehindQueued();
            long[] sequences = journaled ? new long[] {sequence} : NO_SEQUENCES;
            Entry pending = state.pending;
            if (pending != null) {
                pending.rewrite(target, key, value, body, version);
                pending.sequences = merge(pending.sequences, sequences);
                counters.writeBehindCoalesced();
                return false;
            }
            Entry entry = new Entry(id, System.nanoTime());
            entry.rewrite(target, key, value, body, version);
            entry.sequences = sequences;
            offer(stripe, state, entry);
            return true;
        } finally {
            stripe.lock.unlock();
        }
    }

    /** A write an earlier JVM journaled: queued like a new one, without target, body or cache update. */
    private void recordRecovered(Journal.Recovered write) {
        Object id = write.encodedKey();
        Stripe stripe = stripeOf(id);
        stripe.lock.lock();
        try {
            KeyState state = stripe.keys.computeIfAbsent(id, k -> new KeyState());
            long version = ++state.version;
            long[] sequences = {write.sequence()};
            Entry pending = state.pending;
            if (pending != null) {
                pending.value = write.value();
                pending.version = version;
                pending.sequences = merge(pending.sequences, sequences);
                return;
            }
            Entry entry = new Entry(id, System.nanoTime());
            entry.value = write.value();
            entry.version = version;
            entry.sequences = sequences;
            outstanding.incrementAndGet(); // beyond maxPending if need be: they are acknowledged already
            offer(stripe, state, entry);
        } finally {
            stripe.lock.unlock();
        }
    }

    /** Under the stripe lock. */
    private void offer(Stripe stripe, KeyState state, Entry entry) {
        entry.stripe = stripe;
        entry.state = state;
        if (settings.coalesce()) {
            state.pending = entry;
        }
        state.inFlight++;
        queued.incrementAndGet();
        order.offer(entry);
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

    /** A flush as soon as a worker is free: for writers waiting for room and for parked writes made ready. */
    private void requestUrgent() {
        if (urgentRequested.compareAndSet(false, true)) {
            scheduler.schedule(this::runUrgent, 0);
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
        if (oldest.target == null) {
            return 0; // a recovered write: due since the earlier run
        }
        long deadline = oldest.enqueuedAt + delayNanos;
        return Math.max(0, deadline - System.nanoTime());
    }

    /** Whether the oldest entry is a recovered write and no call has named a target for it yet. */
    private boolean waitingForTarget() {
        Entry oldest = order.peek();
        return oldest != null && !oldest.isMarker() && oldest.target == null && lastTarget == null;
    }

    /** After releasing {@link #flushLock}: re-arms whatever the work left behind still needs. */
    private void unlockAndReschedule() {
        readyLeft = !ready.isEmpty();
        flushLock.unlock();
        int waiting = queued.get();
        boolean blocked = waiting > 0 && waitingForTarget();
        if (readyLeft || (waiting > 0 && !blocked && waiters.get() > 0)) {
            requestUrgent();
        }
        // While recovered writes wait for a target, the next enqueue or adoptTarget asks for the flush.
        if (!blocked && waiting >= settings.batchSize()) {
            requestFull();
        } else if (!blocked && waiting > 0) {
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
                List<Attempt> batch = take(settings.batchSize(), null);
                if (batch.isEmpty()) {
                    break;
                }
                write(batch);
            }
            runDueRetries(System.nanoTime());
        } finally {
            unlockAndReschedule();
        }
    }

    private void runTimer() {
        timerArmed.set(false);
        sweep();
    }

    private void runUrgent() {
        urgentRequested.set(false);
        sweep();
    }

    private void sweep() {
        if (!flushLock.tryLock()) {
            return;
        }
        try {
            // Sweep the young writes along with the due one: fewer, fuller batches. Bounded, so that writers
            // outpacing the flush cannot keep one task busy forever.
            for (int left = queued.get() + ready.size(); left > 0; ) {
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
            if (!ready.isEmpty()) {
                write(take(settings.batchSize(), order.peek()));
                continue;
            }
            Retry next = nextLiveRetry();
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

    /**
     * Claims up to {@code max} writes: ready ones first, then queued entries up to {@code stopAt}. A write whose key
     * waits for a retry is parked, not returned. The batch never holds a key twice: it ends before a second write of a
     * key in it, which leads the next batch, so writes that do not fail reach the store in the order they were made.
     */
    private List<Attempt> take(int max, @Nullable Entry stopAt) {
        long number = ++batchNumber;
        List<Attempt> batch = new ArrayList<>(Math.min(max, 128));
        while (batch.size() < max && !ready.isEmpty()) {
            Attempt attempt = ready.poll();
            attempt.state.batch = number;
            batch.add(attempt);
        }
        while (batch.size() < max) {
            Entry head = order.peek();
            if (head == null || head == stopAt) {
                break;
            }
            if (head.isMarker()) {
                order.poll(); // left by a drain that ended abnormally
                continue;
            }
            Object target = head.target != null ? head.target : lastTarget;
            if (target == null) {
                break; // a recovered write waits for the first call to name its target
            }
            if (head.state.active && head.state.batch == number) {
                break;
            }
            order.poll();
            queued.decrementAndGet();
            Attempt attempt = claim(head, target);
            if (attempt != null) {
                head.state.batch = number;
                batch.add(attempt);
            }
        }
        return batch;
    }

    /** Freezes an entry's latest write; later writes to its key get a new entry. Null when it was parked. */
    private @Nullable Attempt claim(Entry entry, Object target) {
        Stripe stripe = entry.stripe;
        stripe.lock.lock();
        try {
            KeyState state = entry.state;
            if (state.pending == entry) {
                state.pending = null;
            }
            Attempt attempt = new Attempt(entry, target, successes);
            if (!state.active) {
                state.active = true;
                return attempt;
            }
            if (settings.coalesce()) {
                Retry waiting = state.retry;
                if (waiting != null) {
                    // The key's older write waits for a retry: this newer value replaces it, now.
                    waiting.cancelled = true;
                    state.retry = null;
                    supersede(state, waiting.attempt(), attempt);
                    return attempt;
                }
                Attempt older = state.parked().pollLast();
                if (older != null) {
                    supersede(state, older, attempt);
                }
            }
            state.parked().addLast(attempt);
            return null;
        } finally {
            stripe.lock.unlock();
        }
    }

    /** Under the stripe lock: drops {@code older}, whose journal sequences are settled with {@code newer}. */
    private void supersede(KeyState state, Attempt older, Attempt newer) {
        newer.sequences = merge(older.sequences, newer.sequences);
        state.inFlight--;
        releaseSlot();
        counters.writeBehindCoalesced();
    }

    private @Nullable Retry nextLiveRetry() {
        while (!retries.isEmpty() && retries.peek().cancelled) {
            retries.poll();
        }
        return retries.peek();
    }

    private void runDueRetries(long now) {
        List<Attempt> due = new ArrayList<>();
        while (!retries.isEmpty() && retries.peek().due() <= now) {
            Retry retry = retries.poll();
            if (!retry.cancelled) {
                retry.attempt().state.retry = null;
                due.add(retry.attempt());
            }
        }
        // Writes that failed together come back together, in groups no larger than the half they failed in.
        for (int from = 0; from < due.size(); ) {
            int limit = Math.min(settings.batchSize(), due.get(from).maxGroup);
            int to = from + 1;
            while (to < due.size() && to - from < limit && due.get(to).maxGroup == due.get(from).maxGroup) {
                to++;
            }
            for (int i = from; i < to; i++) {
                counters.writeBehindRetried();
            }
            write(new ArrayList<>(due.subList(from, to)));
            from = to;
        }
        retriesChanged();
    }

    /** One round of writing a batch: one attempt for each of its writes. */
    private void write(List<Attempt> batch) {
        if (batch.isEmpty()) {
            return;
        }
        for (Attempt attempt : batch) {
            attempt.attempts++;
        }
        if (batchWriter == null) {
            for (Attempt attempt : batch) {
                writeGroup(List.of(attempt));
            }
        } else {
            for (List<Attempt> group : groupByTarget(batch)) {
                writeGroup(group);
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
            Object previous = targetOfKey.put(attempt.id, attempt.target);
            if (previous != null && previous != attempt.target) {
                groups.clear();
                targetOfKey.clear();
                targetOfKey.put(attempt.id, attempt.target);
            }
            List<Attempt> group = groups.get(attempt.target);
            if (group == null) {
                group = new ArrayList<>();
                groups.put(attempt.target, group);
                calls.add(group);
            }
            group.add(attempt);
        }
        return calls;
    }

    private void writeGroup(List<Attempt> group) {
        Throwable failure = call(group);
        if (failure != null) {
            isolate(group, failure);
        }
    }

    /**
     * A failed group: a single write waits for a retry; a larger group is written again in halves, so that the rows
     * the system of record accepts land. A half that fails while its sibling landed is split again at once; when both
     * fail, nothing tells bad rows from an outage, so both wait for a retry, in groups of their size.
     */
    private void isolate(List<Attempt> group, Throwable failure) {
        if (group.size() == 1) {
            failed(group, failure);
            return;
        }
        int half = group.size() / 2;
        List<Attempt> first = group.subList(0, half);
        List<Attempt> second = group.subList(half, group.size());
        Throwable firstFailure = call(first);
        Throwable secondFailure = call(second);
        if (firstFailure != null && secondFailure != null) {
            failed(first, firstFailure);
            failed(second, secondFailure);
            return;
        }
        if (firstFailure != null) {
            isolate(first, firstFailure);
        }
        if (secondFailure != null) {
            isolate(second, secondFailure);
        }
    }

    /** One call to the system of record: one body, or the batch method with one group's values. */
    private @Nullable Throwable call(List<Attempt> group) {
        try {
            BatchWriter writer = batchWriter;
            if (writer != null) {
                List<Object> values = new ArrayList<>(group.size());
                for (Attempt attempt : group) {
                    values.add(attempt.value);
                }
                writer.write(group.get(0).target, Collections.unmodifiableList(values));
            } else {
                Attempt attempt = group.get(0);
                if (attempt.body != null) {
                    attempt.body.write();
                } else if (valueWriter != null) {
                    valueWriter.write(attempt.target, attempt.value);
                } else {
                    throw new IllegalStateException("a write recovered from the journal cannot be written: the method"
                            + " has no batchMethod, and no writer of recovered values was given");
                }
            }
        } catch (Throwable failure) {
            return failure;
        }
        successes++;
        counters.writeBehindWritten(group.size());
        for (Attempt attempt : group) {
            resolve(attempt, false);
        }
        return null;
    }

    /** The writes of a failed group wait one backoff together, so they are retried together and in order. */
    private void failed(List<Attempt> group, Throwable cause) {
        int attempts = 0;
        for (Attempt attempt : group) {
            attempts = Math.max(attempts, attempt.attempts);
        }
        long now = System.nanoTime();
        long due = now + backoff.delayNanos(attempts);
        for (Attempt attempt : group) {
            if (settings.coalesce() && dropIfSuperseded(attempt)) {
                continue;
            }
            if (attempt.successesAtLastFailure != successes) {
                attempt.rowFailures++; // the system of record accepted other writes meanwhile: it rejects this one
            }
            attempt.successesAtLastFailure = successes;
            attempt.maxGroup = group.size();
            boolean unwritable = attempt.body == null && batchWriter == null && valueWriter == null;
            if (unwritable || attempt.rowFailures > settings.maxRetries() || now - attempt.enqueuedAt >= maxAgeNanos) {
                deadLetter(attempt, cause);
            } else {
                Retry retry = new Retry(attempt, due, retrySequence++);
                attempt.state.retry = retry;
                retries.add(retry);
            }
        }
        retriesChanged();
    }

    /**
     * With coalescing: drops a failed write if its key was written again since (the newer write carries its journal
     * sequences and is written in its place); returns whether it did.
     */
    private boolean dropIfSuperseded(Attempt attempt) {
        KeyState state = attempt.state;
        attempt.stripe.lock.lock();
        try {
            if (state.version == attempt.version) {
                return false;
            }
            Attempt newer = state.parked().peekLast();
            if (newer != null) {
                newer.sequences = merge(attempt.sequences, newer.sequences);
            } else if (state.pending != null) {
                state.pending.sequences = merge(attempt.sequences, state.pending.sequences);
            } else {
                return false;
            }
            state.inFlight--;
            activateNext(state);
        } finally {
            attempt.stripe.lock.unlock();
        }
        releaseSlot();
        counters.writeBehindCoalesced();
        return true;
    }

    private void deadLetter(Attempt attempt, Throwable cause) {
        Object key = resolve(attempt, true);
        counters.writeBehindDeadLettered();
        FailedWrite write = new FailedWrite(settings.cache(), key, attempt.value, cause, attempt.attempts);
        try {
            deadLetters.get().deadLetter(write);
        } catch (Throwable failure) {
            LOGGER.log(
                    Level.WARNING,
                    () -> "Dead-letter handler of cache '" + settings.cache() + "' threw; write for key " + key
                            + " dropped",
                    failure);
        }
    }

    private void retriesChanged() {
        Retry next = retries.peek();
        nextRetryDue = next == null ? NONE : next.due();
    }

    // ---- per-key bookkeeping ----

    /**
     * A write is done with: written, or dead-lettered (then, if it was its key's latest write, the cache side drops
     * the key). Frees its key for the next parked write and settles its journal sequences. Returns the key to report.
     */
    private Object resolve(Attempt attempt, boolean deadLettered) {
        KeyState state = attempt.state;
        Object key;
        attempt.stripe.lock.lock();
        try {
            key = attempt.key != null ? attempt.key : state.cacheKey != null ? state.cacheKey : attempt.id;
            state.inFlight--;
            activateNext(state);
            if (deadLettered && state.version == attempt.version) {
                cacheSide.deadLettered(state.cacheKey, state.token);
                state.token = null;
            }
            if (state.inFlight == 0) {
                attempt.stripe.keys.remove(attempt.id);
                if (state.token != null && state.cacheKey != null) {
                    cacheSide.written(state.cacheKey, state.token);
                }
            }
        } finally {
            attempt.stripe.lock.unlock();
        }
        releaseSlot();
        for (long sequence : attempt.sequences) {
            journal.settle(sequence);
        }
        return key;
    }

    /** Under the stripe lock: the key's active write is resolved; the next parked write of the key becomes ready. */
    private void activateNext(KeyState state) {
        Attempt next = state.parked == null ? null : state.parked.pollFirst();
        if (next == null) {
            state.active = false;
        } else {
            ready.addLast(next);
        }
    }

    private Stripe stripeOf(Object id) {
        int hash = id.hashCode();
        return stripes[(hash ^ (hash >>> 16)) & (STRIPES - 1)];
    }

    private static long[] merge(long[] first, long[] second) {
        if (first.length == 0) {
            return second;
        }
        if (second.length == 0) {
            return first;
        }
        long[] merged = new long[first.length + second.length];
        System.arraycopy(first, 0, merged, 0, first.length);
        System.arraycopy(second, 0, merged, first.length, second.length);
        return merged;
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return NONE;
        }
    }

    private static final class Stripe {
        final ReentrantLock lock = new ReentrantLock();
        final HashMap<Object, KeyState> keys = new HashMap<>();
    }

    /**
     * One key's writes in flight. {@code version}, {@code inFlight}, {@code pending}, {@code cacheKey} and {@code
     * token} are guarded by the stripe lock; {@code active}, {@code retry} and {@code parked} by the flush lock.
     */
    private static final class KeyState {
        /** Bumped by every write to the key; a write whose version is behind is superseded. */
        long version;
        /** Entries, parked writes and active writes of this key not yet resolved. */
        int inFlight;
        /** With coalescing: the key's queued entry no flush has claimed yet. */
        @Nullable
        Entry pending;
        /** The key as the cache knows it; null for a key only recovered writes named. */
        @Nullable
        Object cacheKey;
        /** What the cache side returned for the latest pending value. */
        @Nullable
        Object token;
        /** Whether a write of this key is being written or waits for a retry. */
        boolean active;
        /** The batch the active write was taken into. */
        long batch;

        @Nullable
        Retry retry;

        @Nullable
        ArrayDeque<Attempt> parked;

        ArrayDeque<Attempt> parked() {
            if (parked == null) {
                parked = new ArrayDeque<>(2);
            }
            return parked;
        }
    }

    /** A queued write. Its fields are rewritten by coalescing, under the key's stripe lock. */
    private static final class Entry {
        final @Nullable Object id; // null for a flush marker
        final long enqueuedAt;
        Stripe stripe;
        KeyState state;
        /** Null for a recovered write: the queue's latest target is used. */
        @Nullable
        Object target;
        /** Null for a recovered write. */
        @Nullable
        Object key;

        @Nullable
        Object value;
        /** Null for a recovered write. */
        @Nullable
        Writer body;

        long version;
        long[] sequences = NO_SEQUENCES;

        Entry(@Nullable Object id, long enqueuedAt) {
            this.id = id;
            this.enqueuedAt = enqueuedAt;
        }

        static Entry marker() {
            return new Entry(null, 0);
        }

        boolean isMarker() {
            return id == null;
        }

        void rewrite(Object target, Object key, @Nullable Object value, Writer body, long version) {
            this.target = target;
            this.key = key;
            this.value = value;
            this.body = body;
            this.version = version;
        }
    }

    /** One claimed write. Guarded by the flush lock, but for {@code sequences}, also under its stripe lock. */
    static final class Attempt {
        final Object id;
        final @Nullable Object key;
        final Object target;
        final @Nullable Object value;
        final @Nullable Writer body;
        final long version;
        final long enqueuedAt;
        final Stripe stripe;
        final KeyState state;
        long[] sequences;
        /** Rounds this write was tried in, the current one included. */
        int attempts;
        /** Failures while the system of record accepted other writes. */
        int rowFailures;
        /** The queue's successes when this write last failed (or was claimed). */
        long successesAtLastFailure;
        /** The largest group it is retried in: the size of the group it last failed in. */
        int maxGroup = Integer.MAX_VALUE;

        private Attempt(Entry entry, Object target, long successes) {
            this.id = Objects.requireNonNull(entry.id);
            this.key = entry.key;
            this.target = target;
            this.value = entry.value;
            this.body = entry.body;
            this.version = entry.version;
            this.enqueuedAt = entry.enqueuedAt;
            this.stripe = entry.stripe;
            this.state = entry.state;
            this.sequences = entry.sequences;
            this.successesAtLastFailure = successes;
        }

        /** For tests of {@link #groupByTarget}: a write of {@code value} to {@code key} through {@code target}. */
        static Attempt of(Object target, Object key, @Nullable Object value) {
            Entry entry = new Entry(key, 0);
            entry.value = value;
            entry.stripe = new Stripe();
            entry.state = new KeyState();
            return new Attempt(entry, target, 0);
        }

        @Nullable
        Object value() {
            return value;
        }
    }

    private static final class Retry {
        private final Attempt attempt;
        private final long due;
        private final long sequence;
        /** Set when a newer write of the key replaced this one; the heap skips it. */
        boolean cancelled;

        Retry(Attempt attempt, long due, long sequence) {
            this.attempt = attempt;
            this.due = due;
            this.sequence = sequence;
        }

        Attempt attempt() {
            return attempt;
        }

        long due() {
            return due;
        }

        long sequence() {
            return sequence;
        }
    }
}
