package dev.larder.it;

import dev.larder.CacheStats;
import dev.larder.Larder;
import dev.larder.it.fixtures.Warmed;
import java.util.concurrent.TimeUnit;

/**
 * Run in a separate JVM by {@link WarmRestartTest}, configured by system properties. {@code record}: loads 200 keys,
 * reads keys 0 to 49 four times more, and returns from {@code main} (the shutdown hook records the hottest keys).
 * {@code warm}: one call of a cold key, then waits (up to 30 s) until the warm restart has gone through every recorded
 * key, and prints what it saw: progress while warming, the method's runs, and whether keys 0 to 49 are hits now.
 */
public final class WarmRestartMain {
    private WarmRestartMain() {}

    public static void main(String[] args) {
        Warmed warmed = Fixtures.create(Warmed.class);
        if (args[0].equals("record")) {
            for (int id = 0; id < 200; id++) {
                warmed.find(id, "eu");
            }
            for (int round = 0; round < 4; round++) {
                for (int id = 0; id < 50; id++) {
                    warmed.find(id, "eu");
                }
            }
            return;
        }
        warmed.find(1000, "eu"); // the first miss: the object the warm restart calls the method on
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
        for (int id = 0; id < 50; id++) {
            warmed.find(id, "eu");
        }
        System.out.println("coldAfter " + (warmed.runs().size() - before));
    }
}
