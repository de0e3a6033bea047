package dev.larder.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.sun.tools.attach.VirtualMachine;
import dev.larder.annotation.Cached;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A cache hit through a method woven by the load-time agent, {@code @Cached String find(int id, String tenant)} with
 * 1,024 hot keys, beside the hand-written Caffeine equivalent ({@code cache.get(new Pair(id, tenant), loader)}) in the
 * same fork, so the two see the same JIT and machine state; 1 and 2 threads.
 *
 * <p>JMH's {@code @Fork} arguments are constants, so the fork cannot be given a {@code -javaagent} path found at run
 * time. Instead the forked JVM attaches the agent to itself before the woven class loads, which weaves that class
 * exactly as {@code -javaagent} would: the agent jar is {@code agent/target/larder-agent-*.jar} (not {@code -weaver}
 * or {@code -sources}) under the working directory or its parent; build it with {@code mvn -pl agent -am package}.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar WovenHitBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Djdk.attach.allowAttachSelf=true")
@State(Scope.Benchmark)
public class WovenHitBenchmark {
    static final int KEYS = 1024;
    private static final String TARGET = WovenHitBenchmark.class.getName() + "$Tenants";

    /** The woven target. Loaded by name only after the agent is attached; never referenced before. */
    public static class Tenants implements Finder {
        @Override
        @Cached(ttl = "10m")
        public String find(int id, String tenant) {
            return tenant + ':' + id;
        }
    }

    /** The hand-written key. */
    record Pair(int id, String tenant) {}

    /** The field type, so that nothing names {@link Tenants} before it is woven. */
    public interface Finder {
        String find(int id, String tenant);
    }

    final int[] ids = new int[KEYS];
    final String[] tenants = new String[KEYS];
    final Function<Pair, String> loader = pair -> pair.tenant() + ':' + pair.id();
    Cache<Pair, String> cache;
    Finder woven;

    /** Where each benchmark thread is in the key sequence. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            return next++ & (KEYS - 1);
        }
    }

    @Setup
    public void setUp() throws Exception {
        attachAgent();
        Class<?> type = Class.forName(TARGET);
        if (!isWoven(type)) {
            throw new IllegalStateException(TARGET + " was not woven by the Larder agent; is the agent jar current?");
        }
        woven = (Finder) type.getDeclaredConstructor().newInstance();
        cache = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(Duration.ofMinutes(10))
                .build();
        for (int i = 0; i < KEYS; i++) {
            ids[i] = i * 7919;
            tenants[i] = "tenant-" + (i % 16);
            woven.find(ids[i], tenants[i]);
            cache.get(new Pair(ids[i], tenants[i]), loader);
        }
    }

    private static void attachAgent() throws Exception {
        Path jar = agentJar();
        VirtualMachine vm =
                VirtualMachine.attach(String.valueOf(ProcessHandle.current().pid()));
        try {
            vm.loadAgent(jar.toString());
        } finally {
            vm.detach();
        }
    }

    /** The shaded agent jar under {@code agent/target} of the working directory or its parent. */
    static Path agentJar() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        List<Path> searched = new ArrayList<>();
        for (Path root = cwd; root != null && searched.size() < 2; root = root.getParent()) {
            Path target = root.resolve("agent/target");
            searched.add(target);
            if (!Files.isDirectory(target)) {
                continue;
            }
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "larder-agent-*.jar")) {
                for (Path jar : jars) {
                    String name = jar.getFileName().toString();
                    if (!name.endsWith("-weaver.jar") && !name.endsWith("-sources.jar")) {
                        return jar;
                    }
                }
            }
        }
        throw new IllegalStateException("WovenHitBenchmark needs the Larder agent jar (larder-agent-<version>.jar), but"
                + " none is in " + searched + "; build it with 'mvn -pl agent -am package' and run from the"
                + " repository root");
    }

    private static boolean isWoven(Class<?> type) {
        for (var field : type.getDeclaredFields()) {
            if (field.isSynthetic() && field.getName().startsWith("larder$site$")) {
                return true;
            }
        }
        return false;
    }

    @Benchmark
    @Threads(1)
    public String woven1(Cursor cursor) {
        int i = cursor.advance();
        return woven.find(ids[i], tenants[i]);
    }

    @Benchmark
    @Threads(1)
    public String caffeine1(Cursor cursor) {
        int i = cursor.advance();
        return cache.get(new Pair(ids[i], tenants[i]), loader);
    }

    @Benchmark
    @Threads(2)
    public String woven2(Cursor cursor) {
        int i = cursor.advance();
        return woven.find(ids[i], tenants[i]);
    }

    @Benchmark
    @Threads(2)
    public String caffeine2(Cursor cursor) {
        int i = cursor.advance();
        return cache.get(new Pair(ids[i], tenants[i]), loader);
    }
}
