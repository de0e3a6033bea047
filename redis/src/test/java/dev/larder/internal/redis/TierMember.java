package dev.larder.internal.redis;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.internal.handle.InvalidateHandle;
import dev.larder.internal.handle.WriteThroughHandle;
import dev.larder.internal.state.LarderRuntime;
import dev.larder.model.CachedSpec;
import dev.larder.model.InvalidateSpec;
import dev.larder.model.WriteSpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One JVM of a fleet that reads, writes and invalidates rows of a "database" (a map of this JVM) through one cache,
 * driven line by line on standard input by {@link TieredInvalidationTest}, which uses the same methods in its own JVM.
 * Answers each command with one line.
 */
public final class TierMember {
    static final CachedHandle READ = Handles.cached(
            CachedSpec.of("tier#read(int)", "rows", "{id}", "10m").withReturnType("java.lang.String"),
            TierMember.class);
    static final WriteThroughHandle WRITE = Handles.writeThrough(new WriteSpec("tier#write(int)", "rows", "{id}", ""));
    static final InvalidateHandle REMOVE =
            Handles.invalidate(new InvalidateSpec("tier#remove(int)", "rows", "{id}", false));
    static final InvalidateHandle CLEAR = Handles.invalidate(new InvalidateSpec("tier#clear()", "rows", "", true));
    /** A tagged method of its own cache: every value carries the tag {@code group}. */
    static final CachedHandle TAGGED = Handles.cached(
            CachedSpec.of("tier#tagged(int)", "tagged", "{id}", "10m")
                    .withReturnType("java.lang.String")
                    .withTags(List.of("group")),
            TierMember.class);

    static final AtomicInteger TAGGED_LOADS = new AtomicInteger();

    /** The system of record: what a load returns. */
    static final Map<Integer, String> ROWS = new ConcurrentHashMap<>();

    static final AtomicInteger LOADS = new AtomicInteger();

    private TierMember() {}

    /** Configures Larder with these settings (metrics off) and waits up to 10 s for the invalidation channel. */
    static boolean configure(Map<String, String> settings) throws InterruptedException {
        LarderConfig.Builder config = LarderConfig.builder().set("larder.metrics", "none");
        settings.forEach(config::set);
        Larder.configure(config.build());
        return RedisTiers.of(LarderRuntime.current()).awaitSubscribed(10, TimeUnit.SECONDS);
    }

    static String read(int id) {
        Object key = READ.key(id);
        Object value = READ.get(key);
        return (String)
                (value != CachedHandle.MISS
                        ? value
                        : READ.load(key, () -> {
                            LOADS.incrementAndGet();
                            return ROWS.getOrDefault(id, "none");
                        }));
    }

    /** A read of the tagged method: its load reads {@link #ROWS} as {@link #read} does. */
    static String readTagged(int id) {
        return readTagged(id, () -> ROWS.getOrDefault(id, "none"));
    }

    /** A read of the tagged method whose load, if it runs, returns what {@code row} gives. */
    static String readTagged(int id, Supplier<String> row) {
        Object key = TAGGED.key(id);
        Object value = TAGGED.get(key);
        return (String)
                (value != CachedHandle.MISS
                        ? value
                        : TAGGED.load(
                                key,
                                () -> {
                                    TAGGED_LOADS.incrementAndGet();
                                    return row.get();
                                },
                                result -> new String[] {"group"}));
    }

    /** A write-through of a row: the database first, then the cache. */
    static void write(int id, String value) {
        ROWS.put(id, value);
        WRITE.put(WRITE.key(id), value);
    }

    /** Reads until the row reads {@code expected}; the milliseconds that took, or -1 after {@code limitMillis}. */
    static long poll(int id, String expected, long limitMillis) {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(limitMillis);
        while (!expected.equals(read(id))) {
            if (System.nanoTime() > deadline) {
                return -1;
            }
            Thread.onSpinWait();
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.split(" ");
            String answer = switch (words[0]) {
                case "configure" -> {
                    Map<String, String> settings = new TreeMap<>();
                    for (int i = 1; i < words.length; i++) {
                        String[] pair = words[i].split("=", 2);
                        settings.put(pair[0], pair[1]);
                    }
                    yield configure(settings) ? "live" : "not-live";
                }
                case "row" -> {
                    ROWS.put(Integer.parseInt(words[1]), words[2]);
                    yield "ok";
                }
                case "read" -> read(Integer.parseInt(words[1]));
                case "settled-poll" -> {
                    // once this JVM uses Redis again: its breaker closed and its channel live
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while ((Larder.stats("rows").breakerState() != CircuitBreaker.CLOSED
                                    || !RedisTiers.of(LarderRuntime.current()).live())
                            && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    yield Long.toString(poll(Integer.parseInt(words[1]), words[2], Long.parseLong(words[3])));
                }
                case "write" -> {
                    write(Integer.parseInt(words[1]), words[2]);
                    yield "ok";
                }
                case "invalidate" -> {
                    REMOVE.invalidate(REMOVE.key(Integer.parseInt(words[1])));
                    yield "ok";
                }
                case "tread" -> readTagged(Integer.parseInt(words[1]));
                case "tinvalidate" -> {
                    Larder.invalidateTag(words[1]);
                    yield "ok";
                }
                case "poll" -> Long.toString(poll(Integer.parseInt(words[1]), words[2], Long.parseLong(words[3])));
                default -> "unknown command " + words[0];
            };
            System.out.println(answer);
            System.out.flush();
        }
    }
}
