package dev.larder.benchmarks;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.Handles;
import dev.larder.internal.handle.WriteBehindHandle;
import dev.larder.internal.handle.WriteThroughHandle;
import dev.larder.internal.redis.RedisServerProcess;
import dev.larder.model.WriteBehindSpec;
import dev.larder.model.WriteSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Acknowledged writes per second into an H2 table ({@code MERGE} of a small row), 4 writer threads: a direct JDBC
 * write per call, a {@code @WriteThrough} method (the same JDBC write, then the cache), and a {@code @WriteBehind}
 * method whose batch method writes JDBC batches, without a journal, with the file journal under each fsync policy,
 * and with the Redis journal (a real redis-server on a loopback port). A write-behind write counts once its call has
 * returned: the value is cached and, with a journal, journalled; the queue's bound ({@code maxPending}) makes the
 * writers wait once the store falls behind, so the rate is the lower of the two.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(4)
@State(Scope.Benchmark)
public class WriteBehindBenchmark {
    /** The set-ups compared, in the order of the report. */
    static final String[] MODES = {
        "jdbcDirect",
        "writeThrough",
        "behindNone",
        "behindFileAlways",
        "behindFileBatch",
        "behindFileNever",
        "behindRedis"
    };

    @Param({"behindNone"})
    public String mode;

    /** The row written: a small record, as a method would take it. */
    public record Row(long id, String name) {}

    /** The system of record: one H2 connection, written under its lock. */
    public static final class Store {
        private final Connection connection;
        private final PreparedStatement merge;

        Store(String url) throws SQLException {
            connection = DriverManager.getConnection(url);
            connection
                    .createStatement()
                    .execute("CREATE TABLE IF NOT EXISTS row_(id BIGINT PRIMARY KEY, name VARCHAR)");
            merge = connection.prepareStatement("MERGE INTO row_ KEY(id) VALUES (?, ?)");
        }

        public synchronized void save(Row row) throws SQLException {
            merge.setLong(1, row.id());
            merge.setString(2, row.name());
            merge.executeUpdate();
        }

        public synchronized void saveAll(List<Object> rows) throws SQLException {
            for (Object value : rows) {
                Row row = (Row) value;
                merge.setLong(1, row.id());
                merge.setString(2, row.name());
                merge.addBatch();
            }
            merge.executeBatch();
        }

        void close() throws SQLException {
            connection.close();
        }
    }

    private final AtomicLong ids = new AtomicLong();
    private Path directory;
    private RedisServerProcess redis;
    private Store store;
    private WriteThroughHandle through;
    private WriteBehindHandle behind;

    @Setup
    public void start() throws IOException, SQLException {
        directory = Files.createTempDirectory("larder-wb-bench-");
        store = new Store("jdbc:h2:" + directory.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
        LarderConfig.Builder config = LarderConfig.builder().set("larder.metrics", "none");
        switch (mode) {
            case "behindFileAlways", "behindFileBatch", "behindFileNever" -> {
                config.set("larder.writeBehind.journal", "file:" + directory.resolve("journal"));
                config.set("larder.writeBehind.fsync", mode.substring("behindFile".length()));
            }
            case "behindRedis" -> {
                redis = RedisServerProcess.start();
                config.set("larder.writeBehind.journal", "redis").set("larder.redis.uri", redis.uri());
            }
            default -> {}
        }
        Larder.configure(config.build());
        through = Handles.writeThrough(new WriteSpec("bench#put(Row)", "bench.through", "{row.id}", ""));
        behind = Handles.writeBehind(
                new WriteBehindSpec("bench#save(Row)", "bench.behind", "{row.id}", "", "50ms", 500, false, 3),
                (target, values) -> ((Store) target).saveAll(values),
                Row.class);
    }

    @TearDown
    public void stop() throws Exception {
        Larder.shutdown();
        store.close();
        if (redis != null) {
            redis.close();
        }
    }

    @Benchmark
    public void write() throws SQLException {
        long id = ids.incrementAndGet();
        Row row = new Row(id, "row " + id);
        switch (mode) {
            case "jdbcDirect" -> store.save(row);
            case "writeThrough" -> {
                store.save(row);
                through.put(id, row);
            }
            default -> behind.write(store, id, row, () -> store.save(row));
        }
    }

    /** Writer threads of the second run, as a server's request threads would be: enough to share an fsync. */
    static final int MANY_THREADS = 64;

    /**
     * Runs every mode in its own fork with 4 threads, then no journal and the file journal with batched fsync with
     * {@link #MANY_THREADS}; returns each one's writes per millisecond, keyed {@code mode@threads}.
     */
    static Map<String, SideRuns.Figure> run(JmhRun.Settings settings) throws RunnerException {
        Map<String, SideRuns.Figure> figures = new LinkedHashMap<>();
        run(settings, 4, MODES, figures);
        run(settings, MANY_THREADS, new String[] {"behindNone", "behindFileBatch"}, figures);
        return figures;
    }

    private static void run(JmhRun.Settings settings, int threads, String[] modes, Map<String, SideRuns.Figure> figures)
            throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                        .include(WriteBehindBenchmark.class.getName() + "\\.")
                        .param("mode", modes)
                        .threads(threads)
                        .forks(settings.forks())
                        .warmupIterations(settings.warmups())
                        .warmupTime(settings.warmupTime())
                        .measurementIterations(settings.measurements())
                        .measurementTime(settings.measurementTime())
                        .build())
                .run();
        for (String mode : modes) {
            for (RunResult result : results) {
                if (result.getParams().getParam("mode").equals(mode)) {
                    figures.put(
                            mode + "@" + threads,
                            new SideRuns.Figure(
                                    result.getPrimaryResult().getScore(),
                                    result.getPrimaryResult().getScoreError(),
                                    result.getPrimaryResult().getScoreUnit()));
                }
            }
        }
    }

    /** Runs the benchmark alone: {@code [--quick]}; prints the report's section. */
    public static void main(String[] args) throws RunnerException {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        System.out.println(markdown(run(quick ? JmhRun.Settings.QUICK : JmhRun.Settings.FULL)));
    }

    /** The report's section: writes per second of each mode, and the file journal with batched fsync against none. */
    static String markdown(Map<String, SideRuns.Figure> figures) {
        StringBuilder md = new StringBuilder("## Write-behind: acknowledged writes per second\n\n");
        md.append("Writes of a small row into an H2 table; a write counts once its call returned (with a journal:"
                + " journalled as the fsync policy says). Write-behind batches of up to 500, at most 100,000 pending;"
                + " once the store falls behind, writers wait, so a rate is the lower of the writers' and the"
                + " store's. With `fsync=always` each call waits for an fsync its record is in (writers share"
                + " fsyncs, so the rate grows with the number of writers); with `fsync=batch` it returns once its"
                + " record is written to the OS, and a background group commit forces the file every 100 ms.\n\n");
        md.append("| set-up | threads | writes/s | ± |\n|---|---:|---:|---:|\n");
        figures.forEach((key, figure) -> {
            int at = key.indexOf('@');
            md.append(String.format(
                    "| %s | %s | %,.0f | %,.0f |%n",
                    key.substring(0, at), key.substring(at + 1), figure.score() * 1000, figure.error() * 1000));
        });
        for (int threads : new int[] {4, MANY_THREADS}) {
            SideRuns.Figure none = figures.get("behindNone@" + threads);
            SideRuns.Figure batch = figures.get("behindFileBatch@" + threads);
            if (none != null && batch != null) {
                md.append(String.format(
                        "%nFile journal with batched fsync / no journal, %d threads: %.2f",
                        threads, batch.score() / none.score()));
            }
        }
        return md.append('\n').toString();
    }
}
