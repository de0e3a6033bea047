package dev.larder.samples;

import java.util.Locale;

/** Numbers as the reports print them. */
final class Format {
    private Format() {}

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * fraction);
    }

    static String nanos(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, nanos < 10_000 ? "%.2f µs" : "%.1f µs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, nanos < 10_000_000 ? "%.2f ms" : "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    static String times(double factor) {
        return String.format(Locale.ROOT, factor >= 10 ? "%.0f×" : "%.1f×", factor);
    }
}
