package dev.larder.internal.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.model.CachedSpec;
import dev.larder.model.InvalidateSpec;
import dev.larder.model.ResultKind;
import dev.larder.model.WriteSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The entry point's own guarantees, called the way generated code calls it. */
class CachedHandleTest {
    private static final ExecutorService POOL = Executors.newCachedThreadPool();

    private static final CachedHandle FIND =
            Handles.cached(CachedSpec.of("Test#find(int)", "handle-test", "{id}", "10m"));
    private static final CachedHandle FUTURE =
            Handles.cached(CachedSpec.of("Test#future(int)", "handle-test-future", "{id}", "10m")
                    .withResult(ResultKind.FUTURE));
    private static final InvalidateHandle REMOVE =
            Handles.invalidate(new InvalidateSpec("Test#remove(int)", "handle-test", "{id}", false));
    private static final WriteThroughHandle SAVE =
            Handles.writeThrough(new WriteSpec("Test#save(int,String)", "handle-test", "{id}", ""));

    private final AtomicInteger loads = new AtomicInteger();

    @BeforeEach
    void freshCaches() {
        Larder.configure(LarderConfig.defaults());
    }

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    private Object call(CachedHandle handle, int id, Loader loader) {
        Object key = handle.key(id);
        Object value = handle.get(key);
        if (value == CachedHandle.MISS) {
            value = handle.load(key, loader);
        }
        return value;
    }

    @Test
    void secondCallIsAHitAndDoesNotLoad() {
        Loader loader = () -> "v" + loads.incrementAndGet();
        assertThat(call(FIND, 1, loader)).isEqualTo("v1");
        assertThat(call(FIND, 1, loader)).isEqualTo("v1");
        assertThat(loads).hasValue(1);
    }

    @Test
    void checkedExceptionReachesCallerUnchangedAndNothingIsStored() {
        IOException failure = new IOException("disk");
        assertThatThrownBy(() -> call(FIND, 2, () -> {
                    throw failure;
                }))
                .isSameAs(failure);
        assertThat(call(FIND, 2, () -> "ok")).isEqualTo("ok");
    }

    @RepeatedTest(5)
    void sixtyFourThreadsMissingOneColdKeyLoadOnce() throws Exception {
        int threads = 64;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<Object>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(POOL.submit(() -> {
                start.await();
                return call(FIND, 3, () -> {
                    loads.incrementAndGet();
                    return "shared";
                });
            }));
        }
        for (Future<Object> result : results) {
            assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("shared");
        }
        assertThat(loads).hasValue(1);
    }

    @RepeatedTest(1000)
    void invalidationDuringLoadNeverLetsTheOldValueBack() throws Exception {
        AtomicReference<String> source = new AtomicReference<>("old");
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> slowRead = POOL.submit(() -> call(FIND, 4, () -> {
            String read = source.get();
            loading.countDown();
            release.await();
            return read;
        }));
        loading.await();
        source.set("new");
        REMOVE.invalidate(REMOVE.key(4));
        release.countDown();
        assertThat(slowRead.get(10, TimeUnit.SECONDS)).isEqualTo("old");
        assertThat(call(FIND, 4, source::get)).isEqualTo("new");
    }

    @RepeatedTest(200)
    void invalidateAllDuringLoadNeverLetsTheOldValueBack() throws Exception {
        AtomicReference<String> source = new AtomicReference<>("old");
        CountDownLatch loading = new CountDownLatch(1);
        Future<Object> slowRead = POOL.submit(() -> call(FIND, 5, () -> {
            String read = source.get();
            loading.countDown();
            return read;
        }));
        loading.await();
        source.set("new");
        Larder.invalidateAll("handle-test");
        slowRead.get(10, TimeUnit.SECONDS);
        assertThat(call(FIND, 5, source::get)).isEqualTo("new");
    }

    @RepeatedTest(200)
    void writeThroughWinsOverASlowerLoad() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> slowRead = POOL.submit(() -> call(FIND, 6, () -> {
            loading.countDown();
            release.await();
            return "stale";
        }));
        loading.await();
        SAVE.put(SAVE.key(6), "written");
        release.countDown();
        slowRead.get(10, TimeUnit.SECONDS);
        assertThat(call(FIND, 6, () -> "reloaded")).isEqualTo("written");
    }

    @Test
    void statisticsReadAfterShutdownDescribeTheCachesTheMethodsStillUse() {
        for (int id = 100; id < 103; id++) {
            int value = id;
            call(FIND, id, () -> "v" + value);
        }
        Larder.shutdown();
        assertThat(Larder.stats("handle-test").size()).isEqualTo(3);
        assertThat(Larder.stats()).containsKey("handle-test");
        assertThat(call(FIND, 100, () -> "reloaded")).isEqualTo("v100");
    }

    @Test
    void aLoaderCallingItselfWithTheSameKeyFailsInsteadOfWaitingForever() {
        Loader[] self = new Loader[1];
        self[0] = () -> call(FIND, 7, self[0]);
        assertThatThrownBy(() -> call(FIND, 7, self[0]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Recursive load");
    }

    @Test
    void failedFutureIsRemovedAndTheNextCallLoadsAgain() {
        CompletableFuture<String> failing = new CompletableFuture<>();
        Object first = call(FUTURE, 1, () -> failing);
        assertThat(call(FUTURE, 1, () -> CompletableFuture.completedFuture("unused")))
                .isSameAs(first);
        failing.completeExceptionally(new IllegalStateException("boom"));
        Object next = call(FUTURE, 1, () -> CompletableFuture.completedFuture("fresh"));
        assertThat(next).isNotSameAs(first);
        assertThat(((CompletableFuture<?>) next).join()).isEqualTo("fresh");
    }
}
