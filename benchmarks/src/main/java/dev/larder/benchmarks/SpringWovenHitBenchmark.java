package dev.larder.benchmarks;

import dev.larder.benchmarks.spring.SpringSetup;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * A hit on one Spring-annotated class, {@code SpringDirectory} ({@code @Cacheable(cacheNames = "byId", key = "#id")}
 * and two more key shapes), two ways: woven by the Larder agent with {@code spring=true} and created with {@code new},
 * and through Spring's own {@code @Cacheable} proxy ({@link SpringSetup}: {@code @EnableCaching}, Caffeine cache
 * manager). 1,024 hot keys, one thread. Each method runs in its own fork; only the woven forks attach the agent, so
 * Spring's proxy never wraps woven code. Needs the agent jar as {@link WovenHitBenchmark} does. Run: {@code java -jar
 * benchmarks/target/benchmarks.jar SpringWovenHitBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Djdk.attach.allowAttachSelf=true")
@State(Scope.Benchmark)
public class SpringWovenHitBenchmark {
    static final int KEYS = WovenHitBenchmark.KEYS;
    /** Named, never referenced before the agent is attached, so that it loads woven. */
    private static final String TARGET = "dev.larder.benchmarks.spring.SpringDirectory";

    final int[] ids = new int[KEYS];
    final String[] tenants = new String[KEYS];
    final User[] users = new User[KEYS];
    Lookup subject;
    Subject spring;

    @Setup
    public void setUp(BenchmarkParams params) throws Exception {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        if (method.startsWith("woven")) {
            WovenHitBenchmark.attachAgent("spring=true");
            Class<?> type = Class.forName(TARGET);
            if (!WovenHitBenchmark.isWoven(type)) {
                throw new IllegalStateException(TARGET + " was not woven by the agent with spring=true");
            }
            subject = (Lookup) type.getConstructor(Source.class).newInstance(Source.TRIVIAL);
        } else {
            spring = SpringSetup.open(Source.TRIVIAL, false);
            subject = spring.lookup();
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

    @TearDown
    public void tearDown() throws Exception {
        if (spring != null) {
            spring.close();
        }
    }

    @Benchmark
    @Threads(1)
    public String wovenById(WovenHitBenchmark.Cursor cursor) {
        return subject.byId(ids[cursor.advance()]);
    }

    @Benchmark
    @Threads(1)
    public String springById(WovenHitBenchmark.Cursor cursor) {
        return subject.byId(ids[cursor.advance()]);
    }

    @Benchmark
    @Threads(1)
    public String wovenByIdAndTenant(WovenHitBenchmark.Cursor cursor) {
        int i = cursor.advance();
        return subject.byIdAndTenant(ids[i], tenants[i]);
    }

    @Benchmark
    @Threads(1)
    public String springByIdAndTenant(WovenHitBenchmark.Cursor cursor) {
        int i = cursor.advance();
        return subject.byIdAndTenant(ids[i], tenants[i]);
    }

    @Benchmark
    @Threads(1)
    public String wovenByUser(WovenHitBenchmark.Cursor cursor) {
        return subject.byUser(users[cursor.advance()]);
    }

    @Benchmark
    @Threads(1)
    public String springByUser(WovenHitBenchmark.Cursor cursor) {
        return subject.byUser(users[cursor.advance()]);
    }
}
