package dev.larder.internal.redis.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Counts the stale reads of a history: reads that returned a version older than one whose write or invalidation had
 * completed before the read began, more than the backend's staleness bound before.
 *
 * <p>Soundness (no read is counted stale wrongly):
 *
 * <ul>
 *   <li>Versions come from the store, which only increments them, and a read that misses loads from the store after it
 *       began, so a read that began after an update completed can only return an older version from the cache.
 *   <li>"Completed before the read began" is decided on ticks, not times: every operation takes a tick from one
 *       counter in the store ({@code INCR}, linearizable) before it begins and another after it ends. An update whose
 *       end tick is smaller than a read's start tick ended before that read began, whichever JVMs they ran in; no
 *       clock is compared. Concurrent operations are never counted against each other.
 *   <li>A bound above zero (tiered: an L1 copy may live that long after an update elsewhere) is measured on wall
 *       clocks ({@link WallClock}): the read counts only if it began more than {@code bound + }{@link
 *       #SKEW_MARGIN_NANOS} after the update ended, so clock disagreement between JVMs of one machine can only make
 *       the checker more lenient, never count a read within the bound.
 * </ul>
 *
 * <p>An update made by a JVM that a fault cut off from the cache's Redis (it overlapped a {@link FaultWindow} that
 * covers its JVM, or came less than {@code recovery} after it was healed) cannot reach Redis until the fault is healed
 * and the JVM has found Redis again, and no cache can make other JVMs see it before: such an update counts from {@code
 * recovery} after the later of its end and the healing (the time the runtime is given to find Redis again, its circuit
 * breaker's cool-down and probe included, and to replay what it could not tell Redis), plus the bound. A read is never excused by a fault otherwise: an update that
 * completed before a fault began counts from its completion, so writes that Redis acknowledged and a failover lost are
 * counted.
 *
 * <p>A failed update (the caller saw an exception) still wrote its version to the store, so it still counts as an
 * update. Failed reads count as exceptions, not as reads.
 */
public final class HistoryChecker {
    /** What clocks of two JVMs on one machine may disagree by (see {@link WallClock}), with a wide margin. */
    public static final long SKEW_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private static final int EXAMPLES = 3;
    /** Of the updates between the version a stale read returned and the one it missed, the first and a few last. */
    private static final int EXAMPLE_UPDATES = 5;

    private HistoryChecker() {}

    /**
     * @param history every operation of every worker of one run
     * @param boundNanos the staleness bound of the backend: 0 for {@code redis}
     * @param originNanos the wall-clock time the run began, for the times in examples
     * @param faults the faults of the run
     * @param recoveryNanos how long after a fault is healed an update it kept from Redis counts
     */
    public static Verdict check(
            List<Operation> history, long boundNanos, long originNanos, List<FaultWindow> faults, long recoveryNanos) {
        Map<Integer, List<Operation>> byKey = new TreeMap<>(history.stream()
                .filter(o -> !o.failed() || o.kind() != Operation.Kind.READ)
                .collect(Collectors.groupingBy(Operation::key)));
        long stale = 0;
        long staleWithinBound = 0;
        List<String> examples = new ArrayList<>();
        Map<String, Long> staleVia = new TreeMap<>();
        long updatesCutOff = 0;
        long updatesFailing = 0;
        for (List<Operation> ops : byKey.values()) {
            List<Operation> updates = ops.stream()
                    .filter(o -> o.kind() != Operation.Kind.READ && o.version() > 0 && o.endTick() > 0)
                    .toList();
            Map<Boolean, List<Operation>> cutOff = updates.stream()
                    .collect(Collectors.partitioningBy(u -> healed(u, faults, recoveryNanos) != Long.MIN_VALUE));
            updatesCutOff += cutOff.get(true).size();
            updatesFailing += updates.stream()
                    .filter(u -> u.via().equals(HistoryWorker.REDIS_FAILING))
                    .count();
            Prefix byTick = new Prefix(cutOff.get(false), Operation::endTick);
            Prefix byTime = new Prefix(cutOff.get(false), Operation::endNanos);
            Prefix byRecovery = new Prefix(cutOff.get(true), u -> healed(u, faults, recoveryNanos) + recoveryNanos);
            for (Operation read : ops) {
                if (read.kind() != Operation.Kind.READ) {
                    continue;
                }
                Operation newer = newest(
                        byTick.newestBefore(read.startTick()),
                        byRecovery.newestBefore(read.startNanos() - SKEW_MARGIN_NANOS));
                if (newer == null || newer.version() <= read.version()) {
                    continue;
                }
                Operation beyond = boundNanos == 0
                        ? newer
                        : newest(
                                byTime.newestBefore(read.startNanos() - boundNanos - SKEW_MARGIN_NANOS),
                                byRecovery.newestBefore(read.startNanos() - boundNanos - SKEW_MARGIN_NANOS));
                if (beyond == null || beyond.version() <= read.version()) {
                    staleWithinBound++;
                    continue;
                }
                stale++;
                staleVia.merge(read.via().split(" ", 2)[0], 1L, Long::sum);
                if (examples.size() < EXAMPLES) {
                    examples.add(example(read, beyond, updates, originNanos));
                }
            }
        }
        return new Verdict(
                history.size(),
                count(history, Operation.Kind.READ),
                count(history, Operation.Kind.WRITE),
                count(history, Operation.Kind.INVALIDATE),
                updatesCutOff,
                updatesFailing,
                stale,
                staleVia,
                staleWithinBound,
                history.stream().filter(Operation::failed).count(),
                history.stream()
                        .filter(Operation::failed)
                        .map(Operation::error)
                        .distinct()
                        .limit(EXAMPLES)
                        .toList(),
                examples);
    }

    /**
     * The later of the update's end and the end of the faults that cut its JVM off while it ran or less than {@code
     * recoveryNanos} before, or {@code Long.MIN_VALUE} when there was none. An update that may have missed Redis
     * without a fault ({@link HistoryWorker#REDIS_FAILING}: a timeout on a loaded machine) is cut off too: it is kept
     * and replayed, as the README says of lost writes.
     */
    private static long healed(Operation update, List<FaultWindow> faults, long recoveryNanos) {
        long healed = update.via().equals(HistoryWorker.REDIS_FAILING) ? update.endNanos() : Long.MIN_VALUE;
        for (FaultWindow fault : faults) {
            if (fault.cutOff(update) && fault.overlaps(update, recoveryNanos)) {
                healed = Math.max(healed, Math.max(fault.endNanos(), update.endNanos()));
            }
        }
        return healed;
    }

    private static Operation newest(Operation a, Operation b) {
        return a == null || (b != null && b.version() > a.version()) ? b : a;
    }

    private static long count(List<Operation> history, Operation.Kind kind) {
        return history.stream().filter(o -> o.kind() == kind && !o.failed()).count();
    }

    /** The read, and the updates of its key from the one that wrote the version it returned to the newest it missed. */
    private static String example(Operation read, Operation missed, List<Operation> updates, long originNanos) {
        StringBuilder text = new StringBuilder();
        List<Operation> between = updates.stream()
                .filter(u -> u.version() >= read.version() && u.version() <= missed.version())
                .sorted(Comparator.comparingLong(Operation::version))
                .toList();
        for (int i = 0; i < between.size(); i++) {
            if (i == 1 && between.size() > EXAMPLE_UPDATES) {
                text.append("    ... ").append(between.size() - EXAMPLE_UPDATES).append(" more updates\n");
                i = between.size() - EXAMPLE_UPDATES + 1;
            }
            text.append("    ").append(between.get(i).describe(originNanos)).append('\n');
        }
        text.append("    ")
                .append(read.describe(originNanos))
                .append("   <- stale: v")
                .append(missed.version())
                .append(" was complete ")
                .append(String.format(java.util.Locale.ROOT, "%.3f", (read.startNanos() - missed.endNanos()) / 1e9))
                .append(" s before this read began");
        return text.toString();
    }

    /** The updates of one key in the order of one of their end stamps, with the newest version up to each. */
    private static final class Prefix {
        private final long[] ends;
        private final Operation[] newest;

        Prefix(List<Operation> updates, java.util.function.ToLongFunction<Operation> end) {
            List<Operation> sorted =
                    updates.stream().sorted(Comparator.comparingLong(end)).toList();
            ends = new long[sorted.size()];
            newest = new Operation[sorted.size()];
            Operation max = null;
            for (int i = 0; i < sorted.size(); i++) {
                Operation u = sorted.get(i);
                if (max == null || u.version() > max.version()) {
                    max = u;
                }
                ends[i] = end.applyAsLong(u);
                newest[i] = max;
            }
        }

        /** The update of the highest version among those whose end stamp is strictly below {@code stamp}, or null. */
        Operation newestBefore(long stamp) {
            int i = Arrays.binarySearch(ends, stamp);
            int count = i >= 0 ? lowerBound(i, stamp) : -i - 1;
            return count == 0 ? null : newest[count - 1];
        }

        private int lowerBound(int found, long stamp) {
            int i = found;
            while (i > 0 && ends[i - 1] == stamp) {
                i--;
            }
            return i;
        }
    }

    /**
     * The figures of one run.
     *
     * @param operations every operation, failed or not
     * @param updatesCutOff updates made by a JVM while a fault cut it off from the cache's Redis, or less than the
     *     recovery time after
     * @param updatesFailing updates that may have missed Redis, their call failing or skipped (in a fault, or on a
     *     loaded machine without one: a timeout), cut off too
     * @param stale reads beyond the bound
     * @param staleVia those reads by where their value came from ({@link Operation#via()}); never {@code load}, as a
     *     load reads the store after its read began
     * @param staleWithinBound reads older than a completed update, but within the bound (always 0 for bound 0)
     * @param exceptions operations whose caller saw an exception
     * @param errors the first distinct exception texts
     * @param examples the first stale reads, each with the updates of its key around it
     */
    public record Verdict(
            long operations,
            long reads,
            long writes,
            long invalidations,
            long updatesCutOff,
            long updatesFailing,
            long stale,
            Map<String, Long> staleVia,
            long staleWithinBound,
            long exceptions,
            List<String> errors,
            List<String> examples) {

        /** A paragraph for a failure message or a report. */
        public String describe() {
            StringBuilder text = new StringBuilder(String.format(
                    java.util.Locale.ROOT,
                    "%d operations (%d reads, %d writes, %d invalidations, %d updates cut off by the fault or by their"
                            + " JVM's failing Redis calls, %d of them seen failing): %d"
                            + " stale beyond the bound %s, %d within it, %d exceptions",
                    operations,
                    reads,
                    writes,
                    invalidations,
                    updatesCutOff,
                    updatesFailing,
                    stale,
                    staleVia,
                    staleWithinBound,
                    exceptions));
            errors.forEach(e -> text.append("\n  exception: ").append(e));
            examples.forEach(e -> text.append("\n  example:\n").append(e));
            return text.toString();
        }
    }
}
