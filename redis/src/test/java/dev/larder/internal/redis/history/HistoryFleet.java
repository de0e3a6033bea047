package dev.larder.internal.redis.history;

import dev.larder.internal.redis.RedisServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Forked {@link HistoryWorker} JVMs and the store they share, running histories against the cache's Redis while
 * faults are injected, and checking each with {@link HistoryChecker}. The JVMs live as long as the fleet and are
 * reconfigured for each run (a fresh cache server and namespace per run). Not thread-safe: one run at a time.
 */
public final class HistoryFleet implements AutoCloseable {
    private static final long ANSWER_SECONDS = 60;
    /** After a fault is healed, how long the run goes on before the next one, so that what it left behind is read. */
    public static final long RECOVERY_MILLIS = 2_500;

    private final Settings settings;
    private final RedisServerProcess store = RedisServerProcess.start();
    private final Path dir;
    private final List<Member> members = new ArrayList<>();
    private int runs;

    /**
     * @param workers JVMs, each running {@code threads} threads
     * @param threads threads per JVM
     * @param keys the size of the key space
     * @param runMillis how long each run lasts
     * @param faultAtMillis when the fault is injected, after the start of the run
     * @param faultMillis how long the fault lasts before it is healed
     * @param tieredBoundMillis the staleness bound of {@code tiered}: an L1 copy may be that much older than an update
     * @param recoveryMillis how long after a fault is healed an update that the fault kept from Redis counts (see
     *     {@link HistoryChecker})
     */
    public record Settings(
            int workers,
            int threads,
            int keys,
            long runMillis,
            long faultAtMillis,
            long faultMillis,
            long tieredBoundMillis,
            long recoveryMillis) {
        /** The bound of a backend: 0 for {@code redis}, {@link #tieredBoundMillis} for {@code tiered}. */
        public long boundMillis(String backend) {
            return backend.equals("tiered") ? tieredBoundMillis : 0;
        }
    }

    /** The figures of one run of one backend under one fault. */
    public record Outcome(String backend, Fault fault, int faults, long boundMillis, HistoryChecker.Verdict verdict) {
        public String describe() {
            return backend + " / " + fault.description() + " x" + faults + " (bound " + boundMillis + " ms): "
                    + verdict.describe();
        }
    }

    public HistoryFleet(Settings settings) throws IOException {
        this.settings = settings;
        this.dir = Files.createTempDirectory("larder-history-");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < settings.workers(); i++) {
            String name = "w" + i;
            Process process = new ProcessBuilder(
                            java,
                            "-Xmx128m",
                            "-XX:+UseSerialGC",
                            "-XX:TieredStopAtLevel=1",
                            "-cp",
                            System.getProperty("java.class.path"),
                            HistoryWorker.class.getName(),
                            name)
                    .redirectError(dir.resolve(name + ".log").toFile())
                    .start();
            members.add(new Member(name, process));
        }
    }

    /** Runs the mix on {@code backend} ({@code redis} or {@code tiered}) while {@code fault} is injected. */
    public Outcome run(String backend, Fault fault) throws IOException, InterruptedException {
        int run = ++runs;
        String prefix = "h" + run;
        try (FaultTarget target = FaultTarget.open(fault, members.size())) {
            for (int i = 0; i < members.size(); i++) {
                Map<String, String> config = new LinkedHashMap<>(target.settings(i));
                config.put("larder.backend", backend);
                config.put("larder.namespace", prefix);
                config.put("larder.redis.timeout", "200ms");
                StringBuilder command = new StringBuilder("configure");
                config.forEach((key, value) ->
                        command.append(' ').append(key).append('=').append(value));
                members.get(i).send(command.toString());
            }
            for (Member member : members) {
                member.expect("ok");
            }
            long origin = WallClock.nanos();
            long start = System.nanoTime();
            for (int i = 0; i < members.size(); i++) {
                members.get(i)
                        .send("run " + store.port() + " " + prefix + " " + settings.runMillis() + " "
                                + settings.threads() + " " + settings.keys() + " " + file(prefix, i) + " "
                                + (run * 1000L + i));
            }
            List<FaultWindow> faults = injectFaults(target, fault, start);
            for (Member member : members) {
                member.expect("done");
            }
            List<Operation> history = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                Path file = file(prefix, i);
                try (Stream<String> lines = Files.lines(file)) {
                    lines.map(Operation::parse).forEach(history::add);
                }
                Files.delete(file);
            }
            long bound = settings.boundMillis(backend);
            return new Outcome(
                    backend,
                    fault,
                    faults.size(),
                    bound,
                    HistoryChecker.check(
                            history,
                            TimeUnit.MILLISECONDS.toNanos(bound),
                            origin,
                            faults,
                            TimeUnit.MILLISECONDS.toNanos(settings.recoveryMillis())));
        }
    }

    /**
     * Injects the fault {@code faultAtMillis} after the start and heals it {@code faultMillis} later; again after each
     * recovery period of {@code faultAtMillis + }{@link #RECOVERY_MILLIS} while the run is long enough, except a
     * failover, which happens once. Timing, not synchronisation: the workers run for a fixed time whatever happens here.
     */
    private List<FaultWindow> injectFaults(FaultTarget target, Fault fault, long start) {
        List<FaultWindow> faults = new ArrayList<>();
        if (fault == Fault.NONE) {
            return faults;
        }
        long at = settings.faultAtMillis();
        do {
            parkUntil(start + TimeUnit.MILLISECONDS.toNanos(at));
            long injected = WallClock.nanos();
            target.inject();
            parkUntil(start + TimeUnit.MILLISECONDS.toNanos(at + settings.faultMillis()));
            target.heal();
            faults.add(new FaultWindow(injected, WallClock.nanos(), target.cutOff()));
            at += settings.faultMillis() + RECOVERY_MILLIS + settings.faultAtMillis();
        } while (fault != Fault.FAILOVER && at + settings.faultMillis() + RECOVERY_MILLIS <= settings.runMillis());
        return faults;
    }

    private Path file(String prefix, int worker) {
        return dir.resolve(prefix + "-w" + worker + ".tsv");
    }

    private static void parkUntil(long deadline) {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    @Override
    public void close() {
        for (Member member : members) {
            member.process.destroyForcibly();
            try {
                member.process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            // a log still open: the temporary folder stays
        }
    }

    /** One forked worker: commands on its standard input, answers read by a thread of its own. */
    private final class Member {
        private final String name;
        private final Process process;
        private final Writer in;
        private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

        Member(String name, Process process) {
            this.name = name;
            this.process = process;
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(this::readAnswers, "history-answers-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        private void readAnswers() {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    answers.add(line);
                }
            } catch (IOException e) {
                // the process ended; expect() reports it
            }
        }

        void send(String command) throws IOException {
            in.write(command + "\n");
            in.flush();
        }

        /** Waits for the next answer, which must start with {@code prefix}. */
        void expect(String prefix) throws InterruptedException {
            String answer = answers.poll(ANSWER_SECONDS, TimeUnit.SECONDS);
            if (answer == null || !answer.startsWith(prefix)) {
                throw new IllegalStateException(
                        "worker " + name + " answered " + answer + " instead of " + prefix + "...; its log: " + log());
            }
        }

        private String log() {
            try {
                String log = Files.readString(dir.resolve(name + ".log"));
                return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }
    }
}
