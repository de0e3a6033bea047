package dev.larder.internal.redis;

import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.internal.handle.InvalidateHandle;
import dev.larder.internal.handle.Loader;
import dev.larder.internal.handle.WriteThroughHandle;
import dev.larder.model.CachedSpec;
import dev.larder.model.InvalidateSpec;
import dev.larder.model.ResultKind;
import dev.larder.model.WriteSpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One JVM of a fleet for {@link LeaseTest}, driven line by line on standard input; answers each command with one line.
 * The same class is the test JVM's view of the cache, so both sides use the same handles.
 *
 * <p>Commands: {@code settings k=v ...}; {@code hold <id> <value>} starts a load of the key whose body waits for
 * {@code release} and then returns the value, and answers once the body runs (the load is in flight); {@code release}
 * lets every held load finish and answers with their results; {@code read <id>}; {@code write <id> <value>}.
 */
public final class LeaseMember {
    static final CachedHandle READ = Handles.cached(
            CachedSpec.of("lease#read(int)", "lease", "{id}", "10m").withReturnType("java.lang.String"),
            LeaseMember.class);
    static final CachedHandle LATER = Handles.cached(
            CachedSpec.of("lease#later(int)", "lease", "{id}", "10m")
                    .withResult(ResultKind.FUTURE)
                    .withReturnType("java.util.concurrent.CompletableFuture<java.lang.String>"),
            LeaseMember.class);
    static final WriteThroughHandle WRITE =
            Handles.writeThrough(new WriteSpec("lease#write(int)", "lease", "{id}", ""));
    static final InvalidateHandle REMOVE =
            Handles.invalidate(new InvalidateSpec("lease#remove(int)", "lease", "{id}", false));

    private LeaseMember() {}

    /** Reads a key through the cache; a miss runs {@code body}. */
    static Object read(int id, Loader body) {
        Object key = READ.key(id);
        Object value = READ.get(key);
        return value != CachedHandle.MISS ? value : READ.load(key, body);
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Object>> held = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.split(" ");
            String answer;
            switch (words[0]) {
                case "settings" -> {
                    Map<String, String> settings = new HashMap<>();
                    for (int i = 1; i < words.length; i++) {
                        String[] pair = words[i].split("=", 2);
                        settings.put(pair[0], pair[1]);
                    }
                    FleetMember.configure(settings);
                    answer = "ok";
                }
                case "hold" -> {
                    int id = Integer.parseInt(words[1]);
                    CountDownLatch started = new CountDownLatch(1);
                    CompletableFuture<Object> result = CompletableFuture.supplyAsync(
                            () -> read(id, () -> {
                                started.countDown();
                                release.await(30, TimeUnit.SECONDS);
                                return words[2];
                            }),
                            task -> new Thread(task, "held-load-" + id).start());
                    held.add(result);
                    answer = started.await(10, TimeUnit.SECONDS) ? "started" : "not started: " + result.getNow(null);
                }
                case "release" -> {
                    release.countDown();
                    StringBuilder values = new StringBuilder();
                    for (CompletableFuture<Object> result : held) {
                        values.append(values.length() == 0 ? "" : " ").append(result.get(30, TimeUnit.SECONDS));
                    }
                    answer = values.toString();
                }
                case "read" -> answer = String.valueOf(read(Integer.parseInt(words[1]), () -> "loaded-by-member"));
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
