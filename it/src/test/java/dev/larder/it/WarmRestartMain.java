package dev.larder.it;

import dev.larder.CacheStats;
import dev.larder.Larder;
import dev.larder.internal.state.LarderRuntime;
import dev.larder.it.fixtures.Warmed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Run in a separate JVM by {@link WarmRestartTest}, configured by system properties. {@code record}: loads 200 keys,
 * reads the {@link #HOT} frequent keys 0 to 49 {@link #ROUNDS} times more (a skewed workload), and returns from {@code
 * main} (the shutdown hook records the hottest keys). {@code warm}: one call of a cold key, then waits (up to 30 s)
 * until the warm restart has gone through every recorded key, and prints what it saw: progress while warming, the
 * method's runs, and how many calls of keys 0 to 49 ran the method after warming.
 */
public final class WarmRestartMain {
    /** Keys 0 to HOT - 1 are the frequent ones. */
    static final int HOT = 50;
    /** How often each frequent key is read after the first load. */
    static final int ROUNDS = 30;
    /** The key of the first call of the warming JVM, never recorded. */
    static final int COLD = 1000;

    private WarmRestartMain() {}

    public static void main(String[] args) {
        Warmed warmed = Fixtures.create(Warmed.class);
        if (args[0].equals("record")) {
            for (int id = 0; id < 200; id++) {
                warmed.find(id, "eu");
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (int id = 0; id < HOT; id++) {
                    warmed.find(id, "eu");
                }
                // Lets the policy take in this round's reads, as the time between requests would: a tight loop fills
                // Caffeine's lossy read buffer faster than it is drained, and the reads it drops promote nothing.
                LarderRuntime.current().cache("Warmed.find").hottest(0);
            }
            return;
        }
        warmed.find(COLD, "eu"); // the first miss: the object the warm restart calls the method on
        // bound by now, so the recorded file has been taken
        System.out.println(
                "fileAfterBind " + Files.exists(Path.of(System.getProperty("larder.warm.dir"), "Warmed.find.keys")));
        CacheStats stats = Larder.stats("Warmed.find");
        System.out.println("toWarm " + stats.toWarm());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long midway = -1;
        while (stats.warmed() < stats.toWarm() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            stats = Larder.stats("Warmed.find");
            if (midway < 0 && stats.warmed() > 0 && stats.warmed() < stats.toWarm()) {
                midway = stats.warmed();
            }
        }
        System.out.println("midway " + midway);
        System.out.println("warmed " + stats.warmed());
        StringBuilder runs = new StringBuilder("runs");
        for (long[] run : warmed.runs()) {
            runs.append(' ').append(run[0]).append('@').append(run[1]);
        }
        System.out.println(runs);
        int before = warmed.runs().size();
        for (int id = 0; id < HOT; id++) {
            warmed.find(id, "eu");
        }
        System.out.println("coldAfter " + (warmed.runs().size() - before));
    }
}
