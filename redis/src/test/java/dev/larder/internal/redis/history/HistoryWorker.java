package dev.larder.internal.redis.history;

import dev.larder.CacheStats;
import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.internal.handle.InvalidateHandle;
import dev.larder.internal.handle.WriteThroughHandle;
import dev.larder.internal.redis.KeptKeys;
import dev.larder.internal.redis.RedisTier;
import dev.larder.internal.redis.RedisTiers;
import dev.larder.internal.redis.RemoteCache;
import dev.larder.internal.state.LarderRuntime;
import dev.larder.model.CachedSpec;
import dev.larder.model.InvalidateSpec;
import dev.larder.model.WriteSpec;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

/**
 * One JVM of the history fleet, driven line by line on standard input by {@link HistoryFleet}; answers each command
 * with one line. Its threads call a cached method, a write-through method and an invalidating method of a small key
 * space the way generated code calls the runtime, against a system of record that is a second Redis server (never
 * faulted) holding {@code key -> version}:
 *
 * <ul>
 *   <li>read: the cached method, whose body reads the version from the store and then takes a little longer (a slow
 *       query), so loads overlap writes;
 *   <li>write: {@code INCR} the version in the store, then the write-through of the new version, as a
 *       {@code @WriteThrough} method does after its body;
 *   <li>invalidate: {@code INCR} the version, then the invalidation of the key, as an {@code @Invalidate} method does.
 * </ul>
 *
 * Writes and invalidations of one key are serialised across the fleet by a lock in the store, as a database row lock
 * would: two unserialised writers could put their versions into the cache in the opposite order of their commits, a
 * race of the application that no cache can resolve. Reads take no lock.
 *
 * <p>A cached value is {@code "version/origin"}, the origin naming the load or write that produced it ({@code "load
 * w0-t2#17"}, {@code "write w1-t0#5"}), so that a stale read's history says where its value came from.
 *
 * <p>Four reads for one update; reads are uniform over the keys, updates favour the first keys (see
 * Mix.updatedKey).
 *
 * <p>Commands: {@code configure key=value...} (reconfigures Larder, answers {@code ok}) and {@code run storePort
 * prefix millis threads keys file seed} (runs the mix for {@code millis}, writes the history to {@code file}, one
 * {@link Operation#line()} per line, answers {@code done operations errors}).
 */
public final class HistoryWorker {
    static final String CACHE = "history";
    static final CachedHandle READ = Handles.cached(
            CachedSpec.of("History#read(int)", CACHE, "{id}", "10m").withReturnType("java.lang.String"),
            HistoryWorker.class);
    static final WriteThroughHandle WRITE =
            Handles.writeThrough(new WriteSpec("History#write(int,long)", CACHE, "{id}", ""));
    static final InvalidateHandle INVALIDATE =
            Handles.invalidate(new InvalidateSpec("History#update(int)", CACHE, "{id}", false));

    private static final String UNLOCK =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";
    private static final long LOCK_WAIT_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final int SLOW_QUERY_MICROS = 20_000;
    private static final int PACE_MICROS = 2_000;
    /**
     * The {@code via} of an update that Redis may not have yet, though no fault of the run cut its JVM off: its own
     * Redis call failed (a timeout on a loaded machine) or was skipped (breaker open, or the key kept from an earlier
     * failure), so it is kept and replayed.
     */
    static final String REDIS_FAILING = "redis-failing";

    private HistoryWorker() {}

    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "w";
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.split(" ");
            String answer = switch (words[0]) {
                case "configure" -> configure(words);
                case "run" -> run(name, words);
                default -> "unknown command " + words[0];
            };
            System.out.println(answer);
            System.out.flush();
        }
    }

    private static String configure(String[] words) throws InterruptedException {
        LarderConfig.Builder config = LarderConfig.builder().set("larder.metrics", "none");
        for (int i = 1; i < words.length; i++) {
            String[] pair = words[i].split("=", 2);
            config.set(pair[0], pair[1]);
        }
        Larder.configure(config.build());
        RedisTier tier = RedisTiers.of(LarderRuntime.current());
        if (tier != null) {
            tier.awaitSubscribed(10, TimeUnit.SECONDS);
        }
        return "ok";
    }

    private static String run(String name, String[] words) throws Exception {
        int storePort = Integer.parseInt(words[1]);
        String prefix = words[2];
        long millis = Long.parseLong(words[3]);
        int threads = Integer.parseInt(words[4]);
        int keys = Integer.parseInt(words[5]);
        Path file = Path.of(words[6]);
        long seed = Long.parseLong(words[7]);
        Queue<Operation> history = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Mix mix = new Mix(name + "-t" + t, storePort, prefix, keys, new SplittableRandom(seed * 31 + t), history);
            Thread thread = new Thread(
                    () -> {
                        try {
                            mix.runUntil(deadline);
                        } finally {
                            done.countDown();
                        }
                    },
                    "history-" + t);
            thread.start();
            started.add(thread);
        }
        if (!done.await(millis + 60_000, TimeUnit.MILLISECONDS)) {
            started.forEach(Thread::interrupt);
            return "stuck: threads still running 60 s after the end of the run";
        }
        long errors = history.stream().filter(Operation::failed).count();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Operation operation : history) {
                out.write(operation.line());
                out.newLine();
            }
        }
        return "done " + history.size() + " " + errors;
    }

    /**
     * Whether an update may not have reached Redis: an error of the cache while it ran (its own call, or a concurrent
     * one: lenient), or, after it, a breaker that is not closed or keys kept for replay.
     */
    private static boolean missedRedis(long errorsBefore) {
        CacheStats stats = Larder.stats(CACHE);
        RemoteCache remote = RedisTiers.remote(LarderRuntime.current(), CACHE);
        return stats.backendErrors() != errorsBefore
                || stats.breakerState() != 0
                || (remote != null && KeptKeys.count(remote) > 0);
    }

    /** One thread's random mix of operations, with its own connection to the store. */
    private static final class Mix {
        private final String worker;
        private final String prefix;
        private final int keys;
        private final SplittableRandom random;
        private final Queue<Operation> history;
        private final Jedis store;
        /** Numbers this thread's loads and writes, so that each cached value names the one that produced it. */
        private long serial;
        /** The origin of the load the current read ran itself, if it ran one. */
        private String lastLoad = "";

        Mix(String worker, int storePort, String prefix, int keys, SplittableRandom random, Queue<Operation> history) {
            this.worker = worker;
            this.prefix = prefix;
            this.keys = keys;
            this.random = random;
            this.history = history;
            this.store = new Jedis("127.0.0.1", storePort, 5000);
        }

        void runUntil(long deadline) {
            try (store) {
                while (System.nanoTime() < deadline) {
                    int dice = random.nextInt(100);
                    if (dice < 80) {
                        read(random.nextInt(keys));
                    } else {
                        update(updatedKey(), dice < 90 ? Operation.Kind.WRITE : Operation.Kind.INVALIDATE);
                    }
                    // Pacing, so that a dozen threads leave the two cores some room for Redis and the proxies.
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(random.nextInt(PACE_MICROS)));
                }
            }
        }

        /**
         * Key {@code k} with a weight of {@code 1/(k+1)^2}: the first keys are updated often (races between loads and
         * updates), the last rarely, so that an update lost to a fault stays visible for seconds instead of being
         * overwritten at once by the next one. Reads are uniform over the keys.
         */
        private int updatedKey() {
            double total = 0;
            for (int k = 0; k < keys; k++) {
                total += 1.0 / ((k + 1) * (k + 1));
            }
            double pick = random.nextDouble() * total;
            for (int k = 0; k < keys; k++) {
                pick -= 1.0 / ((k + 1) * (k + 1));
                if (pick < 0) {
                    return k;
                }
            }
            return keys - 1;
        }

        private long tick() {
            return store.incr(prefix + ":clock");
        }

        private void read(int key) {
            long startTick = tick();
            long start = WallClock.nanos();
            long version = -1;
            String via = "";
            String error = "";
            try {
                Object cacheKey = READ.key(key);
                Object value = READ.get(cacheKey);
                boolean hit = value != CachedHandle.MISS;
                lastLoad = "";
                if (!hit) {
                    value = READ.load(cacheKey, () -> query(key));
                }
                String text = (String) value;
                int slash = text.indexOf('/');
                version = Long.parseLong(text.substring(0, slash));
                via = via(hit, text.substring(slash + 1)) + " " + text.substring(slash + 1);
            } catch (Throwable e) {
                error = e.toString();
            }
            long end = WallClock.nanos();
            history.add(new Operation(
                    Operation.Kind.READ, key, version, startTick, tick(), start, end, worker, via, error));
        }

        /**
         * Where a read's value came from, told by the value's origin: {@code hit} (the L1 had it), {@code load} (this
         * call's own load), {@code joined} (another load of this JVM: the read waited for it), {@code own-write} (a
         * write of this JVM: through Redis, or handed by the write to a load in flight that the read waited for),
         * {@code redis} (a load or a write of another JVM, through Redis).
         */
        private String via(boolean hit, String origin) {
            if (hit) {
                return "hit";
            }
            if (origin.equals(lastLoad)) {
                return "load";
            }
            if (origin.startsWith("load " + name() + "-")) {
                return "joined";
            }
            return origin.startsWith("write " + name() + "-") ? "own-write" : "redis";
        }

        private String name() {
            return worker.substring(0, worker.indexOf('-'));
        }

        /** The cached method's body: reads the version, then takes a while more, as a slow query does. */
        private String query(int key) {
            String stored = store.get(prefix + ":v:" + key);
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(random.nextInt(SLOW_QUERY_MICROS)));
            lastLoad = "load " + worker + "#" + ++serial;
            return (stored == null ? "0" : stored) + "/" + lastLoad;
        }

        private void update(int key, Operation.Kind kind) {
            String lock = prefix + ":lock:" + key;
            String token = worker + ":" + System.nanoTime();
            if (!lock(lock, token)) {
                history.add(new Operation(kind, key, -1, 0, 0, 0, 0, worker, "", "store lock not acquired"));
                return;
            }
            try {
                long startTick = tick();
                long start = WallClock.nanos();
                long version = store.incr(prefix + ":v:" + key);
                long errorsBefore = Larder.stats(CACHE).backendErrors();
                String error = "";
                try {
                    if (kind == Operation.Kind.WRITE) {
                        WRITE.put(WRITE.key(key), version + "/write " + worker + "#" + ++serial);
                    } else {
                        INVALIDATE.invalidate(INVALIDATE.key(key));
                    }
                } catch (Throwable e) {
                    error = e.toString();
                }
                long end = WallClock.nanos();
                String via = missedRedis(errorsBefore) ? REDIS_FAILING : "";
                history.add(new Operation(kind, key, version, startTick, tick(), start, end, worker, via, error));
            } finally {
                store.eval(UNLOCK, List.of(lock), List.of(token));
            }
        }

        private boolean lock(String lock, String token) {
            long deadline = System.nanoTime() + LOCK_WAIT_NANOS;
            while (System.nanoTime() < deadline) {
                if ("OK"
                        .equals(store.set(
                                lock, token, SetParams.setParams().nx().px(30_000)))) {
                    return true;
                }
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
            }
            return false;
        }
    }
}
