package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warm restarts: a JVM records its hottest keys when it exits cleanly, and the next JVM reloads them through the
 * method, in the background, at a bounded rate, with its progress in {@code Larder.stats()}. Two JVMs forked one after
 * the other, in the mode and on the backend under test.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WarmRestartTest {
    private static final String FILE = "Warmed.find.keys";
    private static final int RATE = 100;
    private static final int WARM = 50;

    /**
     * "Hottest" is looked up most often lately, counted by the warmed cache whatever its fill (see the README's
     * warm-restart section): so the keys read again and again are what is recorded, and whatever is recorded must come
     * back through the method in the next JVM, at the bounded rate, with its progress visible.
     */
    @Test
    void theNextJvmReloadsTheRecordedKeysMostlyTheFrequentOnesThroughTheMethodAtTheBoundedRate(@TempDir Path dir)
            throws Exception {
        run(dir, "record");
        if (LarderSetup.backend().equals("redis")) {
            // no local entries to rank: refused with a warning, nothing recorded
            assertThat(dir.resolve(FILE)).doesNotExist();
            assertThat(run(dir, "warm").get("toWarm")).isEqualTo("0");
            return;
        }
        List<String> recorded = Files.readAllLines(dir.resolve(FILE), StandardCharsets.UTF_8);
        assertThat(recorded.get(0)).startsWith("larder-warm 1\t").contains("Warmed#find(int,String)");
        List<String> keys = recorded.subList(1, recorded.size());
        assertThat(keys).hasSize(WARM).allSatisfy(line -> assertThat(line).matches("i:\\d+\ts:eu"));
        TreeSet<Long> recordedIds = new TreeSet<>();
        for (String line : keys) {
            recordedIds.add(Long.parseLong(line.substring(2, line.indexOf('\t'))));
        }
        assertThat(recordedIds).as("distinct recorded keys").hasSize(WARM);
        long frequent =
                recordedIds.stream().filter(id -> id < WarmRestartMain.HOT).count();
        // Each frequent key was read WarmRestartMain.ROUNDS times after its load, the 150 others once, in a cache far
        // below its maximum size. Keys taken at random would give about 12 of 50.
        assertThat(frequent)
                .as("frequently read keys among the %d recorded: %s", WARM, recordedIds)
                .isEqualTo(WARM);

        Map<String, String> seen = run(dir, "warm");

        assertThat(seen.get("toWarm")).isEqualTo(String.valueOf(WARM));
        assertThat(seen.get("warmed")).isEqualTo(String.valueOf(WARM));
        assertThat(Long.parseLong(seen.get("midway")))
                .as("progress seen while warming")
                .isBetween(1L, WARM - 1L);
        TreeSet<Long> warmedIds = new TreeSet<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (String run : seen.get("runs").trim().split(" ")) {
            String[] parts = run.split("@");
            long id = Long.parseLong(parts[0]);
            if (id != WarmRestartMain.COLD) {
                warmedIds.add(id);
                first = Math.min(first, Long.parseLong(parts[1]));
                last = Math.max(last, Long.parseLong(parts[1]));
            }
        }
        assertThat(warmedIds).as("keys reloaded through the method").isEqualTo(recordedIds);
        assertThat(seen.get("runs").trim().split(" "))
                .as("each recorded key loaded once, and the cold call")
                .hasSize(WARM + 1);
        // Calls start at least 1/RATE s apart and one at a time, whatever each takes: from the first call's run to
        // the last call's, at least WARM - 2 intervals (the first call's run may come late within it)
        assertThat(Duration.ofNanos(last - first)).isGreaterThanOrEqualTo(Duration.ofMillis((WARM - 2L) * 1000 / RATE));
        long coldAfter = Long.parseLong(seen.get("coldAfter"));
        if (LarderSetup.backend().equals("local")) {
            // every reloaded key is a hit now; only the frequent keys that were not recorded run the method
            assertThat(coldAfter)
                    .as("calls of the frequent keys after warming that ran the method; the JVM's output:%n%s", seen)
                    .isEqualTo(WarmRestartMain.HOT - frequent);
        } else {
            // tiered: a reload made while the tier's connection to Redis was still coming up may store nothing (as
            // any load then), so one or two of the reloaded keys may miss again
            assertThat(coldAfter)
                    .as("calls of the frequent keys after warming that ran the method; the JVM's output:%n%s", seen)
                    .isBetween(WarmRestartMain.HOT - frequent, WarmRestartMain.HOT - frequent + 2);
        }
        assertThat(seen.get("fileAfterBind"))
                .as("the file taken by the JVM that warms")
                .isEqualTo("false");
        assertThat(dir.resolve(FILE))
                .as("recorded again at the warming JVM's own clean shutdown")
                .exists();
    }

    @Test
    void keysOfAMethodThatNoLongerExistsAreSkippedWithAWarning(@TempDir Path dir) throws Exception {
        if (LarderSetup.backend().equals("redis")) {
            return; // never warmed on redis
        }
        Files.writeString(
                dir.resolve(FILE),
                "larder-warm 1\tdev.larder.it.fixtures.Warmed#gone(int)\ni:1\ni:2\ni:3\n",
                StandardCharsets.UTF_8);

        Map<String, String> seen = run(dir, "warm");

        assertThat(seen.get("toWarm")).isEqualTo("3");
        assertThat(seen.get("warmed")).isEqualTo("3");
        assertThat(seen.get("runs").trim())
                .as("only the cold call ran the method")
                .startsWith("1000@");
        assertThat(seen.get("runs").trim().split(" ")).hasSize(1);
        assertThat(seen.get("log")).contains("Warmed#gone(int) skipped: that method no longer exists");
    }

    /** Runs {@link WarmRestartMain} in a new JVM; its printed {@code name value} lines, and its whole output as log. */
    private static Map<String, String> run(Path dir, String phase) throws Exception {
        Path output = dir.resolve(phase + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("-javaagent:")) {
                command.add(argument); // load-time mode: the child is woven like this JVM
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-D" + Fixtures.MODE_PROPERTY + "=" + Fixtures.mode().name().toLowerCase(Locale.ROOT));
        String backend = LarderSetup.backend();
        command.add("-Dlarder.backend=" + backend);
        if (!backend.equals("local")) {
            command.add("-Dlarder.redis.uri=" + RedisForSuite.uri());
            // a namespace per JVM: on tiered the second JVM must not find the first one's values in Redis, so that
            // reloading runs the method (with them, it fills the L1 from Redis, as any miss does)
            command.add("-Dlarder.namespace=warm-" + phase + "-" + dir.getFileName());
        }
        command.add("-Dlarder.cache.Warmed.find.warm=" + WARM);
        // small enough that Caffeine's frequency sketch is on once the 200 keys are in
        command.add("-Dlarder.cache.Warmed.find.maxSize=300");
        command.add("-Dlarder.warm.dir=" + dir);
        command.add("-Dlarder.warm.rate=" + RATE);
        command.add(WarmRestartMain.class.getName());
        command.add(phase);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("child JVM finished")
                .isTrue();
        String log = Files.readString(output);
        assertThat(process.exitValue())
                .as("child JVM exit code; its output:%n%s", log)
                .isZero();
        Map<String, String> seen = new HashMap<>();
        for (String line : log.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                seen.putIfAbsent(line.substring(0, space), line.substring(space + 1));
            }
        }
        seen.put("log", log);
        return seen;
    }
}
