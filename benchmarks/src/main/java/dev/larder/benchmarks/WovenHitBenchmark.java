package dev.larder.benchmarks;

import com.sun.tools.attach.VirtualMachine;
import dev.larder.benchmarks.contenders.Directory;
import dev.larder.benchmarks.contenders.HandWrittenCaffeine;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * A cache hit through methods woven by the load-time agent, for the three key shapes of {@link HitBenchmark} (one
 * {@code int}, {@code (int, String)}, {@code {user.id}}) on the same class ({@link Directory}, the class the
 * compile-time and build-time rows use, here woven as it loads), beside hand-written Caffeine ({@link
 * HandWrittenCaffeine}, the same baseline as {@link HitBenchmark}'s); 1,024 hot keys, 1 and 2 threads.
 *
 * <p>JMH's {@code @Fork} arguments are constants, so the fork cannot be given a {@code -javaagent} path found at run
 * time. Instead the forked JVM attaches the agent to itself before {@link Directory} loads, which weaves it exactly as
 * {@code -javaagent} would: the agent jar is {@code agent/target/larder-agent-*.jar} (not {@code -weaver} or {@code
 * -sources}) under the working directory or its parent; build it with {@code mvn -pl agent -am package}. Run: {@code
 * java -jar benchmarks/target/benchmarks.jar WovenHitBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Djdk.attach.allowAttachSelf=true")
@State(Scope.Benchmark)
public class WovenHitBenchmark {
    static final int KEYS = 1024;
    /** Named, never referenced, so that it loads only after the agent is attached. */
    private static final String TARGET = "dev.larder.benchmarks.contenders.Directory";

    final int[] ids = new int[KEYS];
    final String[] tenants = new String[KEYS];
    final User[] users = new User[KEYS];
    Lookup woven;
    Lookup caffeine;

    /** Where each benchmark thread is in the key sequence. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            return next++ & (KEYS - 1);
        }
    }

    /**
     * Attaches the agent in every fork, so both contenders run in the same kind of JVM, but creates and fills only the
     * contender the running method measures: like {@link HitBenchmark}'s forks, each holds one library, so neither
     * contender's keys and classes shape how the JIT compiles the other's path through Caffeine.
     */
    @Setup
    public void setUp(BenchmarkParams params) throws Exception {
        attachAgent(null);
        Class<?> type = Class.forName(TARGET);
        if (!isWoven(type)) {
            throw new IllegalStateException(TARGET + " was not woven by the Larder agent; is the agent jar current?");
        }
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        Lookup subject;
        if (method.startsWith("woven")) {
            woven = (Lookup) type.getConstructor(Source.class).newInstance(Source.TRIVIAL);
            subject = woven;
        } else {
            caffeine = new HandWrittenCaffeine(Source.TRIVIAL, false);
            subject = caffeine;
        }
        for (int i = 0; i < KEYS; i++) {
            ids[i] = i * 7919;
            tenants[i] = "tenant-" + (i % 16);
            users[i] = new User(ids[i], "user-" + i);
            subject.byId(ids[i]);
            subject.byIdAndTenant(ids[i], tenants[i]);
            subject.byUser(users[i]);
        }
    }

    /** Attaches the agent jar to this JVM, with {@code options} (such as {@code spring=true}) or none when null. */
    static void attachAgent(@Nullable String options) throws Exception {
        Path jar = BuildOutputs.agentJar();
        VirtualMachine vm =
                VirtualMachine.attach(String.valueOf(ProcessHandle.current().pid()));
        try {
            vm.loadAgent(jar.toString(), options);
        } finally {
            vm.detach();
        }
    }

    /** Whether the class carries the site fields weaving adds. */
    static boolean isWoven(Class<?> type) {
        for (var field : type.getDeclaredFields()) {
            if (field.isSynthetic() && field.getName().startsWith("larder$site$")) {
                return true;
            }
        }
        return false;
    }

    @Benchmark
    @Threads(1)
    public String wovenById1(Cursor cursor) {
        int i = cursor.advance();
        return woven.byId(ids[i]);
    }

    @Benchmark
    @Threads(2)
    public String wovenById2(Cursor cursor) {
        int i = cursor.advance();
        return woven.byId(ids[i]);
    }

    @Benchmark
    @Threads(1)
    public String caffeineById1(Cursor cursor) {
        int i = cursor.advance();
        return caffeine.byId(ids[i]);
    }

    @Benchmark
    @Threads(2)
    public String caffeineById2(Cursor cursor) {
        int i = cursor.advance();
        return caffeine.byId(ids[i]);
    }

    @Benchmark
    @Threads(1)
    public String wovenByIdAndTenant1(Cursor cursor) {
        int i = cursor.advance();
        return woven.byIdAndTenant(ids[i], tenants[i]);
    }

    @Benchmark
    @Threads(2)
    public String wovenByIdAndTenant2(Cursor cursor) {
        int i = cursor.advance();
        return woven.byIdAndTenant(ids[i], tenants[i]);
    }

    @Benchmark
    @Threads(1)
    public String caffeineByIdAndTenant1(Cursor cursor) {
        int i = cursor.advance();
        return caffeine.byIdAndTenant(ids[i], tenants[i]);
    }

    @Benchmark
    @Threads(2)
    public String caffeineByIdAndTenant2(Cursor cursor) {
        int i = cursor.advance();
        return caffeine.byIdAndTenant(ids[i], tenants[i]);
    }

    @Benchmark
    @Threads(1)
    public String wovenByUser1(Cursor cursor) {
        int i = cursor.advance();
        return woven.byUser(users[i]);
    }

    @Benchmark
    @Threads(2)
    public String wovenByUser2(Cursor cursor) {
        int i = cursor.advance();
        return woven.byUser(users[i]);
    }

    @Benchmark
    @Threads(1)
    public String caffeineByUser1(Cursor cursor) {
        int i = cursor.advance();
        return caffeine.byUser(users[i]);
    }

    @Benchmark
    @Threads(2)
    public String caffeineByUser2(Cursor cursor) {
        int i = cursor.advance();
        return caffeine.byUser(users[i]);
    }
}
