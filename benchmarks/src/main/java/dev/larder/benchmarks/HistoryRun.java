package dev.larder.benchmarks;

import dev.larder.internal.redis.history.Fault;
import dev.larder.internal.redis.history.HistoryChecker;
import dev.larder.internal.redis.history.HistoryFleet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The history check of the runtime's tests ({@code HistoryTest}) run longer: forked JVMs read, write through and
 * invalidate a small key space on {@code redis} and {@code tiered} while the cache's Redis is paused, killed, cut off
 * by a stalling proxy or failed over, and every read older than an update that completed before it began, beyond the
 * backend's bound, is counted. Arguments: {@code [seconds per run (default 30)] [backends, comma-separated] [faults,
 * comma-separated]}.
 */
public final class HistoryRun {
    private static final List<String> BACKENDS = List.of("redis", "tiered");

    private HistoryRun() {}

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 30;
        List<String> backends = args.length > 1 ? List.of(args[1].split(",")) : BACKENDS;
        List<Fault> faults = args.length > 2
                ? Stream.of(args[2].split(","))
                        .map(f -> Fault.valueOf(f.toUpperCase(Locale.ROOT)))
                        .toList()
                : List.of(Fault.values());
        System.out.println(section(seconds, backends, faults));
    }

    /** Runs every backend under every fault for {@code seconds} each; returns the report's section in Markdown. */
    static String section(long seconds) throws Exception {
        return section(seconds, BACKENDS, List.of(Fault.values()));
    }

    private static String section(long seconds, List<String> backends, List<Fault> faults) throws Exception {
        HistoryFleet.Settings settings =
                new HistoryFleet.Settings(3, 4, 32, seconds * 1000, 1_000, 2_500, 2_000, 2_000);
        List<HistoryFleet.Outcome> outcomes = new ArrayList<>();
        try (HistoryFleet fleet = new HistoryFleet(settings)) {
            for (String backend : backends) {
                for (Fault fault : faults) {
                    HistoryFleet.Outcome outcome = fleet.run(backend, fault);
                    System.err.println(outcome.describe());
                    outcomes.add(outcome);
                }
            }
        }
        return render(settings, outcomes);
    }

    private static String render(HistoryFleet.Settings settings, List<HistoryFleet.Outcome> outcomes) {
        StringBuilder md = new StringBuilder();
        md.append("## Stale reads under faults (history check)\n\n");
        md.append(String.format(
                Locale.ROOT,
                "%d JVMs x %d threads, %d keys, %d s per run: 4 reads (a cached method whose body reads a versioned"
                        + " store) for 1 update (the store's version incremented, then a write-through or an"
                        + " invalidation). Each fault lasts %.1f s, from %.1f s into the run, repeated after %.1f s"
                        + " of recovery (a failover once). A read is stale when it returned a version older than one"
                        + " whose update had completed before the read began (ordered by a counter in the store, not"
                        + " by clocks), more than the bound before: 0 for redis, %d ms for tiered. An update made by"
                        + " a JVM that the fault cut off from Redis, while it lasted or in the recovery time R after,"
                        + " counts from R = %d ms after the later of its end and the healing.%n%n",
                settings.workers(),
                settings.threads(),
                settings.keys(),
                settings.runMillis() / 1000,
                settings.faultMillis() / 1000.0,
                settings.faultAtMillis() / 1000.0,
                HistoryFleet.RECOVERY_MILLIS / 1000.0,
                settings.tieredBoundMillis(),
                settings.recoveryMillis()));
        md.append("| backend | fault | faults | operations | reads | updates | of them cut off |"
                + " stale beyond the bound | stale within it | exceptions |\n");
        md.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (HistoryFleet.Outcome o : outcomes) {
            HistoryChecker.Verdict v = o.verdict();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %d | %d | %d | %d | %s | %d | %d |%n",
                    o.backend(),
                    o.fault().description(),
                    o.faults(),
                    v.operations(),
                    v.reads(),
                    v.writes() + v.invalidations(),
                    v.updatesCutOff(),
                    v.stale() == 0 ? "0" : "**" + v.stale() + "**",
                    v.staleWithinBound(),
                    v.exceptions()));
        }
        for (HistoryFleet.Outcome o : outcomes) {
            if (!o.verdict().examples().isEmpty() || !o.verdict().errors().isEmpty()) {
                md.append("\n")
                        .append(o.backend())
                        .append(" / ")
                        .append(o.fault().description())
                        .append(":\n\n```\n");
                o.verdict()
                        .errors()
                        .forEach(e -> md.append("exception: ").append(e).append('\n'));
                o.verdict().examples().stream()
                        .limit(1)
                        .forEach(e -> md.append(e).append('\n'));
                md.append("```\n");
            }
        }
        return md.toString();
    }
}
