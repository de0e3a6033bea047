package dev.larder.internal.writebehind.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.internal.redis.RedisServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills JVMs that write behind through a journal with SIGKILL ({@link Process#destroyForcibly} on a forked JVM) at
 * random points, restarts them, and checks that every write a call acknowledged reaches the store.
 */
class KillNineTest {
    private static final int FILE_ROUNDS = 12;
    private static final int REDIS_ROUNDS = 8;

    @TempDir
    Path dir;

    private final Random random = new Random();

    @Test
    @Timeout(90)
    void fileJournalLosesNoAcknowledgedWriteAcrossKills() throws Exception {
        String[] fsyncs = {"always", "batch", "never"};
        Set<String> acknowledged = new HashSet<>();
        for (int round = 0; round < FILE_ROUNDS; round++) {
            acknowledged.addAll(killRound(
                    "file" + round,
                    "larder.writeBehind.journal=file:" + dir.resolve("journal"),
                    "larder.writeBehind.fsync=" + fsyncs[round % fsyncs.length]));
        }
        finish("file-last", "larder.writeBehind.journal=file:" + dir.resolve("journal"));
        assertAllStored(acknowledged, FILE_ROUNDS);
    }

    @Test
    @Timeout(90)
    void redisJournalLosesNoAcknowledgedWriteAcrossKills() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            String[] settings = {
                "larder.writeBehind.journal=redis",
                "larder.redis.uri=" + redis.uri(),
                "larder.namespace=kill",
                "larder.writeBehind.takeOverAfter=1s"
            };
            Set<String> acknowledged = new HashSet<>();
            for (int round = 0; round < REDIS_ROUNDS; round++) {
                acknowledged.addAll(killRound("redis" + round, settings));
            }
            // The last killed JVM's heartbeat must expire before a new one may take over its writes.
            finishWhenAllStored("redis-last", acknowledged, settings);
            assertAllStored(acknowledged, REDIS_ROUNDS);
        }
    }

    @Test
    @Timeout(90)
    void survivorOfTwoTakesOverTheWritesOfTheOneThatDied() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            String[] settings = {
                "larder.writeBehind.journal=redis",
                "larder.redis.uri=" + redis.uri(),
                "larder.namespace=fleet",
                "larder.writeBehind.takeOverAfter=1s"
            };
            Process survivor = start("survivor", "write", settings);
            Process victim = start("victim", "write", settings);
            BufferedReader fromSurvivor = reader(survivor);
            BufferedReader fromVictim = reader(victim);
            Set<String> acknowledged = new HashSet<>(readAcks(fromVictim, 300 + random.nextInt(1000)));
            acknowledged.addAll(readAcks(fromSurvivor, 100));
            victim.toHandle().destroyForcibly();
            acknowledged.addAll(readAcks(fromVictim, Integer.MAX_VALUE));
            victim.waitFor(10, TimeUnit.SECONDS);
            Set<String> victimAcks = new HashSet<>(acknowledged);
            // The survivor keeps writing; within its heartbeat period it claims and replays the victim's writes.
            Thread drain = drainInBackground(fromSurvivor, acknowledged);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!stored().containsAll(victimAcks) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(200); // polling the store files, which no event announces
            }
            assertThat(victim.isAlive()).isFalse();
            try (Writer toSurvivor = new OutputStreamWriter(survivor.getOutputStream(), StandardCharsets.UTF_8)) {
                toSurvivor.write("finish\n");
            }
            drain.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(survivor.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Set<String> lost = new HashSet<>(acknowledged);
            lost.removeAll(stored());
            assertThat(lost)
                    .as("acknowledged writes lost of " + acknowledged.size())
                    .isEmpty();
            System.out.println("[kill -9] survivor test: " + victimAcks.size() + " writes of the killed JVM and "
                    + (acknowledged.size() - victimAcks.size()) + " of the survivor acknowledged, 0 lost");
        }
    }

    /** Starts a writer, reads a random number of acknowledgements, kills it, and returns every one it printed. */
    private List<String> killRound(String name, String... settings) throws Exception {
        Process process = start(name, "write", settings);
        BufferedReader in = reader(process);
        List<String> acks = new ArrayList<>(readAcks(in, 50 + random.nextInt(3000)));
        process.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroyForcibly it leaves the pipe readable
        acks.addAll(readAcks(in, Integer.MAX_VALUE)); // what it printed before it died
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return acks;
    }

    private void finish(String name, String... settings) throws Exception {
        Process process = start(name, "finish", settings);
        BufferedReader in = reader(process);
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lines.add(line);
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(lines).contains("done");
    }

    /** Restarts until the store has every acknowledged write, as a takeover waits out the dead JVM's heartbeat. */
    private void finishWhenAllStored(String name, Set<String> acknowledged, String... settings) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        int attempt = 0;
        do {
            finish(name + attempt++, settings);
        } while (!stored().containsAll(acknowledged) && System.nanoTime() < deadline);
    }

    private void assertAllStored(Set<String> acknowledged, int rounds) throws IOException {
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(stored());
        assertThat(acknowledged).isNotEmpty();
        assertThat(lost)
                .as("acknowledged writes lost of " + acknowledged.size())
                .isEmpty();
        System.out.println("[kill -9] " + rounds + " rounds, " + acknowledged.size() + " writes acknowledged, "
                + lost.size() + " lost");
    }

    private Set<String> stored() throws IOException {
        Set<String> stored = new HashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().startsWith("store-"))
                    .toList()) {
                stored.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        return stored;
    }

    private Process start(String name, String mode, String... settings) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                JournalledWriter.class.getName(),
                dir.toString(),
                name,
                mode));
        command.addAll(List.of(settings));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Reads up to {@code count} acknowledgements, fewer if the stream ends first. */
    private static List<String> readAcks(BufferedReader in, int count) throws IOException {
        List<String> acks = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = acks.size() >= count ? null : in.readLine()) {
            if (line.startsWith("ack ")) {
                acks.add(line.substring(4));
            }
        }
        return acks;
    }

    private static Thread drainInBackground(BufferedReader in, Set<String> acknowledged) {
        Thread thread = new Thread(() -> {
            try {
                List<String> acks = readAcks(in, Integer.MAX_VALUE);
                synchronized (acknowledged) {
                    acknowledged.addAll(acks);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        thread.start();
        return thread;
    }
}
