package dev.larder.internal.handle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.model.CachedSpec;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A caller waiting on another caller's load: bounded, interruptible, never part of a deadlock. */
@Timeout(30)
class WaitersTest {
    private static final ExecutorService POOL = Executors.newCachedThreadPool();

    private static final CachedHandle FIND =
            Handles.cached(CachedSpec.of("Waiters#find(int)", "waiters-test", "{id}", "10m"));
    private static final CachedHandle REFRESHED =
            Handles.cached(CachedSpec.of("Waiters#refreshed(int)", "waiters-refresh", "{id}", "1s")
                    .withRefresh(0.5, 0));

    private final CountDownLatch releaseLoad = new CountDownLatch(1);

    @AfterEach
    void release() {
        releaseLoad.countDown();
        Larder.configure(LarderConfig.defaults());
    }

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    private static Object call(CachedHandle handle, int id, Loader loader) {
        Object key = handle.key(id);
        Object value = handle.get(key);
        return value == CachedHandle.MISS ? handle.load(key, loader) : value;
    }

    /** Woven code's protocol: begin, then the body, then complete. */
    private static Object callWoven(CachedHandle handle, int id, Loader body) throws Throwable {
        Object key = handle.key(id);
        Object value = handle.get(key);
        if (value != CachedHandle.MISS) {
            return value;
        }
        Object begun = handle.begin(key, body);
        if (!(begun instanceof CachedHandle.Ticket ticket)) {
            return begun;
        }
        Object result = body.load();
        handle.complete(ticket, result);
        return result;
    }

    /** Starts a load of key {@code id} that runs until the test ends; returns once it is running. */
    private void startSlowLoad(int id) throws InterruptedException {
        CountDownLatch loading = new CountDownLatch(1);
        POOL.submit(() -> call(FIND, id, () -> {
            loading.countDown();
            releaseLoad.await();
            return "slow";
        }));
        assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anInterruptedWaiterStopsAtOnceRunsTheMethodItselfAndKeepsItsFlag() throws Exception {
        startSlowLoad(1);
        AtomicBoolean flagAfter = new AtomicBoolean();
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicReference<Thread> waiter = new AtomicReference<>();
        Future<Object> read = POOL.submit(() -> {
            waiter.set(Thread.currentThread());
            waiting.countDown();
            Object value = call(FIND, 1, () -> "own");
            flagAfter.set(Thread.currentThread().isInterrupted());
            return value;
        });
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
        awaitState(waiter.get(), Thread.State.WAITING, Thread.State.TIMED_WAITING);
        waiter.get().interrupt();
        assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo("own");
        assertThat(flagAfter).isTrue();
        releaseLoad.countDown();
        // the uncached call stored nothing; the slow load it did not wait for stores its own value
        assertThat(awaitCached(1)).isEqualTo("slow");
    }

    @Test
    void aCallerInterruptedBeforeItMissesDoesNotWaitAtAll() throws Exception {
        startSlowLoad(2);
        Future<Object> read = POOL.submit(() -> {
            Thread.currentThread().interrupt();
            return call(FIND, 2, () -> "own");
        });
        assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo("own");
    }

    @Test
    void aWaiterGivesUpAfterTheConfiguredBoundAndRunsTheMethodItself() throws Exception {
        Larder.configure(
                LarderConfig.builder().set("larder.waitTimeout", "200ms").build());
        startSlowLoad(3);
        long start = System.nanoTime();
        Object value = call(FIND, 3, () -> "own");
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(value).isEqualTo("own");
        assertThat(waited).isBetween(150L, 5_000L);
    }

    @Test
    void twoLoadsEachNeedingTheOthersKeyDoNotDeadlock() throws Exception {
        CyclicBarrier bothLoading = new CyclicBarrier(2);
        Future<Object> first = POOL.submit(() -> call(FIND, 11, () -> {
            bothLoading.await(10, TimeUnit.SECONDS);
            return "11+" + call(FIND, 12, () -> "12 by first");
        }));
        Future<Object> second = POOL.submit(() -> call(FIND, 12, () -> {
            bothLoading.await(10, TimeUnit.SECONDS);
            return "12+" + call(FIND, 11, () -> "11 by second");
        }));
        // Far below the 10 s default wait bound: the cycle is found, not waited out.
        assertThat((String) first.get(5, TimeUnit.SECONDS)).startsWith("11+");
        assertThat((String) second.get(5, TimeUnit.SECONDS)).startsWith("12+");
        // later readers of either key are served, not stuck behind the cycle
        assertThat(call(FIND, 11, () -> "reloaded")).isNotNull();
        assertThat(call(FIND, 12, () -> "reloaded")).isNotNull();
    }

    @Test
    void theReaderThatScheduledARefreshWaitsOnItLaterInsteadOfFailing() throws Exception {
        checkRefreshReader(false);
    }

    @Test
    void theReaderThatScheduledARefreshWaitsOnItLaterInWovenCodeToo() throws Exception {
        checkRefreshReader(true);
    }

    /** TTL 1 s, refresh at 0.5: the refresh outlives the entry, and the same thread reads again meanwhile. */
    private void checkRefreshReader(boolean woven) throws Exception {
        int id = woven ? 21 : 22;
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch refreshing = new CountDownLatch(1);
        CountDownLatch finishRefresh = new CountDownLatch(1);
        Loader loader = () -> {
            int n = loads.incrementAndGet();
            if (n == 2) {
                refreshing.countDown();
                finishRefresh.await();
            }
            return "v" + n;
        };
        Future<Object> reader = POOL.submit(() -> {
            read(woven, id, loader); // loads v1
            long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600);
            Object value;
            do { // past half the TTL: a read returns v1 and schedules the refresh
                value = read(woven, id, loader);
            } while (loads.get() < 2 && System.nanoTime() < due + TimeUnit.SECONDS.toNanos(5));
            assertThat(value).isEqualTo("v1");
            assertThat(refreshing.await(10, TimeUnit.SECONDS)).isTrue();
            long expired = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_100);
            while (System.nanoTime() < expired) {
                Thread.onSpinWait(); // the TTL must pass by the clock; nothing else to wait for
            }
            POOL.submit(() -> {
                // let the refresh finish once the reader waits on it
                awaitWaiting();
                finishRefresh.countDown();
            });
            return read(woven, id, loader);
        });
        assertThat(reader.get(20, TimeUnit.SECONDS)).isEqualTo("v2");
        assertThat(loads).hasValue(2);
    }

    private Thread readerThread;

    private Object read(boolean woven, int id, Loader loader) throws Exception {
        readerThread = Thread.currentThread();
        try {
            return woven ? callWoven(REFRESHED, id, loader) : call(REFRESHED, id, loader);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    private void awaitWaiting() {
        Thread reader = readerThread;
        try {
            awaitState(reader, Thread.State.WAITING, Thread.State.TIMED_WAITING);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitState(Thread thread, Thread.State... states) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Thread.State state = thread.getState();
            for (Thread.State wanted : states) {
                if (state == wanted) {
                    return;
                }
            }
            Thread.sleep(1);
        }
        throw new AssertionError(thread + " never reached " + java.util.Arrays.toString(states));
    }

    private Object awaitCached(int id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Object value = FIND.get(FIND.key(id));
            if (value != CachedHandle.MISS) {
                return value;
            }
            Thread.sleep(1);
        }
        return CachedHandle.MISS;
    }
}
