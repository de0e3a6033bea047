package dev.larder.internal.tier;

import dev.larder.internal.log.Logs;
import dev.larder.internal.tag.TagStamp;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * One load of one key that a {@link Tier} handed out: the caller runs the method and ends the load exactly once, with
 * {@link #complete} (the tier stores the value if the load is still current, and hands it to the callers waiting on
 * it), {@link #fail} (nothing is stored; the waiters get the exception) or {@link #abandon} (nothing is stored; the
 * waiters run the method themselves, or keep the value being refreshed). Ending a load a second time throws {@link
 * IllegalStateException}, so "finished or abandoned exactly once" holds by construction, not by the caller's
 * branches.
 *
 * <p>A load that is never ended holds its key's single-flight until the waiters' bound, and a Redis lease until it
 * expires. While assertions are enabled (tests), every load is tracked: one that becomes unreachable unended is
 * counted ({@link #leaks()}) and logged. Without assertions the tracking costs nothing.
 *
 * <p>Thread-safe: the ending is decided by one compare-and-set.
 */
public abstract class Load {
    private static final VarHandle STATE;
    private static final int OPEN = 0;
    private static final int ENDED = 1;
    private static final boolean TRACKED = Load.class.desiredAssertionStatus();
    private static final @Nullable Cleaner CLEANER = TRACKED ? Cleaner.create() : null;
    private static final AtomicLong LEAKS = new AtomicLong();

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Load.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through STATE
    private volatile int state;

    private final @Nullable Leak leak;

    /** @param site the method whose load this is, for the report of a leak */
    Load(String site) {
        Cleaner cleaner = CLEANER;
        if (cleaner != null) {
            Leak tracker = new Leak(site);
            cleaner.register(this, tracker);
            leak = tracker;
        } else {
            leak = null;
        }
    }

    /** A load that runs the method and stores nothing: a recursive call, or a caller whose wait gave up. */
    public static Load bypass() {
        return new Bypass();
    }

    /**
     * Starts a refresh-ahead on its worker, before the method runs.
     *
     * @return false when it must not run (another JVM is loading the key): it has then ended itself
     */
    public boolean start() {
        return true;
    }

    /**
     * Tells the load, before its method runs, that it loads a tagged method's value: a Redis tier reads its tag clock
     * now, so that an invalidation after this call makes the stored value stale. A bypass stores nothing and ignores
     * it.
     */
    public void beginTagged() {}

    /** Stamps the value this load is about to complete with its tags; a bypass stores nothing and ignores it. */
    public void tag(TagStamp stamp) {}

    /** Ends the load with the method's result: stored if still current, and handed to the waiting callers. */
    public final void complete(@Nullable Object value) {
        end();
        completed(value);
    }

    /** Ends the load with the method's exception: nothing is stored; the waiting callers get it, unchanged. */
    public final void fail(Throwable failure) {
        end();
        failed(failure);
    }

    /**
     * Ends the load with a result that must not be stored ({@code @Cached(unless)}): nothing is stored, and the waiting
     * callers get the value, as they would have got it without a cache had they run the method at the same time.
     */
    public final void handOff(@Nullable Object value) {
        end();
        handedOff(value);
    }

    /** Ends the load without a result: nothing is stored, and the waiting callers do not wait for one. */
    public final void abandon() {
        end();
        abandoned();
    }

    /**
     * Ends the load as {@link #complete} does, without its {@code completed}: for {@link
     * SingleFlightTier#completeAll}, which then stores the value with other loads' values and hands it to the waiters.
     */
    final void endInBatch() {
        end();
    }

    private void end() {
        if (!STATE.compareAndSet(this, OPEN, ENDED)) {
            throw new IllegalStateException("A load was ended twice: it is completed, failed or abandoned once");
        }
        Leak tracker = leak;
        if (tracker != null) {
            tracker.ended = true;
        }
    }

    abstract void completed(@Nullable Object value);

    abstract void failed(Throwable failure);

    abstract void abandoned();

    /** A load that only a miss hands its value off from; others end as abandoned. */
    void handedOff(@Nullable Object value) {
        abandoned();
    }

    /** How many loads became unreachable without being ended, while assertions are enabled; always 0 otherwise. */
    public static long leaks() {
        return LEAKS.get();
    }

    /** Whether leaks are tracked (assertions are enabled for this package). */
    static boolean tracked() {
        return TRACKED;
    }

    /** Counts a load the garbage collector found unended; holds no reference to the load itself. */
    private static final class Leak implements Runnable {
        private final String site;
        volatile boolean ended;

        Leak(String site) {
            this.site = site;
        }

        @Override
        public void run() {
            if (!ended) {
                LEAKS.incrementAndGet();
                Logs.get("dev.larder")
                        .log(Level.ERROR, "A load of " + site + " was never completed, failed or abandoned");
            }
        }
    }

    private static final class Bypass extends Load {
        Bypass() {
            super("a bypass");
        }

        @Override
        void completed(@Nullable Object value) {}

        @Override
        void failed(Throwable failure) {}

        @Override
        void abandoned() {}
    }
}
