package dev.larder.samples;

import java.io.Console;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Samples a run's progress (and the cache's hits and misses, when there is a cache) and draws the progress bar: on a
 * terminal, one line rewritten after a carriage return; elsewhere (a CI log, a file) a line every few seconds, since
 * carriage returns there pile up on one line. Used by the one thread that waits for the workers.
 */
public final class Timeline {
    private static final int BAR_WIDTH = 30;
    private static final long LOG_EVERY_MILLIS = 5_000;
    private static final boolean TERMINAL = stdoutIsTerminal();

    private final String label;
    private final long total;
    private final Workload.@Nullable HitProbe probe;
    private final @Nullable PrintStream out;
    private final List<Sample> samples = new ArrayList<>();
    private @Nullable Sample printed;

    Timeline(String label, long total, Workload.@Nullable HitProbe probe, @Nullable PrintStream out) {
        this.label = label;
        this.total = total;
        this.probe = probe;
        this.out = out;
    }

    void sample(long elapsedNanos, long done) {
        long[] hm = probe == null ? new long[2] : probe.hitsAndMisses();
        Sample sample = new Sample(elapsedNanos / 1_000_000, done, hm[0], hm[1]);
        samples.add(sample);
        if (out == null) {
            return;
        }
        if (TERMINAL) {
            out.print("\r" + line(sample));
            out.flush();
        } else if (printed == null || sample.millis() - printed.millis() >= LOG_EVERY_MILLIS) {
            out.println(line(sample));
            printed = sample;
        }
    }

    void finish() {
        if (out == null) {
            return;
        }
        if (TERMINAL) {
            out.println();
        } else if (!samples.isEmpty() && printed != samples.get(samples.size() - 1)) {
            out.println(line(samples.get(samples.size() - 1)));
        }
    }

    /** Whether standard output is a terminal: JDK 22 and later say so; before, a console exists only for one. */
    private static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return true;
        }
    }

    private String line(Sample s) {
        int filled = (int) (BAR_WIDTH * s.operations() / Math.max(1, total));
        String bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
        double seconds = Math.max(1, s.millis()) / 1000.0;
        String hits = probe == null
                ? ""
                : String.format(Locale.ROOT, "  hit ratio %5.1f%%", 100.0 * s.hits() / Math.max(1, s.reads()));
        return String.format(
                Locale.ROOT,
                "  %-14s [%s] %3d%%  %,9d/%,d ops  %,9.0f ops/s%s",
                label,
                bar,
                100 * s.operations() / Math.max(1, total),
                s.operations(),
                total,
                s.operations() / seconds,
                hits);
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /**
     * The state of a run at one moment.
     *
     * @param millis time since the run started
     * @param operations requests done
     * @param hits cache hits so far (0 without a cache)
     * @param misses cache misses so far (0 without a cache)
     */
    public record Sample(long millis, long operations, long hits, long misses) {
        public long reads() {
            return hits + misses;
        }
    }
}
