package dev.larder.internal.redis;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.internal.handle.WriteThroughHandle;
import dev.larder.internal.state.LarderRuntime;
import dev.larder.model.CachedSpec;
import dev.larder.model.WriteSpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One JVM of a fleet sharing a Redis server, driven line by line on standard input by {@link FleetTest} (which is the
 * other JVM). Answers each command with one line on standard output.
 */
public final class FleetMember {
    static final CachedHandle READ = Handles.cached(
            CachedSpec.of("fleet#read(int)", "fleet", "{id}", "10m").withReturnType("java.lang.String"),
            FleetMember.class);
    static final WriteThroughHandle WRITE =
            Handles.writeThrough(new WriteSpec("fleet#write(int)", "fleet", "{id}", ""));
    static final AtomicInteger LOADS = new AtomicInteger();

    private FleetMember() {}

    /** Configures Larder the same way in both JVMs. */
    static void configure(String uri, String namespace, String backend, String stampede) throws InterruptedException {
        configure(Map.of(
                "larder.backend", backend,
                "larder.stampede", stampede,
                "larder.namespace", namespace,
                "larder.redis.uri", uri));
    }

    /** Configures Larder with these settings (metrics off) and waits for the invalidation channel. */
    static void configure(Map<String, String> settings) throws InterruptedException {
        LarderConfig.Builder config = LarderConfig.builder().set("larder.metrics", "none");
        settings.forEach(config::set);
        Larder.configure(config.build());
        RedisTiers.of(LarderRuntime.current()).awaitSubscribed(10, TimeUnit.SECONDS);
    }

    /** The settings as the {@code settings} command sends them: {@code key=value} words. */
    static String words(Map<String, String> settings) {
        StringBuilder words = new StringBuilder();
        settings.forEach(
                (key, value) -> words.append(' ').append(key).append('=').append(value));
        return words.toString();
    }

    static Object read(int id, String name, long loadMillis) {
        Object key = READ.key(id);
        Object value = READ.get(key);
        return value != CachedHandle.MISS
                ? value
                : READ.load(key, () -> {
                    LOADS.incrementAndGet();
                    Thread.sleep(loadMillis);
                    return "loaded-by-" + name;
                });
    }

    /** Runs {@code threads} concurrent reads of one key; returns the distinct values they got. */
    static Set<Object> stampede(int id, String name, int threads) throws InterruptedException {
        Set<Object> values = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            new Thread(() -> {
                        try {
                            start.await();
                            values.add(read(id, name, 500));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            done.countDown();
                        }
                    })
                    .start();
        }
        start.countDown();
        done.await(30, TimeUnit.SECONDS);
        return values;
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.split(" ");
            String answer;
            switch (words[0]) {
                case "configure" -> {
                    configure(words[1], words[2], words[3], words[4]);
                    answer = "ok";
                }
                case "settings" -> {
                    Map<String, String> settings = new HashMap<>();
                    for (int i = 1; i < words.length; i++) {
                        String[] pair = words[i].split("=", 2);
                        settings.put(pair[0], pair[1]);
                    }
                    configure(settings);
                    answer = "ok";
                }
                case "read" -> answer = read(Integer.parseInt(words[1]), "member", 0) + " loads=" + LOADS.get();
                case "poll" -> {
                    long start = System.nanoTime();
                    long deadline = start + TimeUnit.SECONDS.toNanos(10);
                    while (!words[2].equals(read(Integer.parseInt(words[1]), "member", 0))
                            && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    answer = Long.toString(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                }
                case "stampede" -> {
                    Set<Object> values = stampede(Integer.parseInt(words[1]), "member", 32);
                    answer = "loads=" + LOADS.get() + " values=" + values;
                }
                case "write" -> {
                    WRITE.put(WRITE.key(Integer.parseInt(words[1])), words[2]);
                    answer = "ok";
                }
                default -> answer = "unknown command " + words[0];
            }
            System.out.println(answer);
            System.out.flush();
        }
    }
}
