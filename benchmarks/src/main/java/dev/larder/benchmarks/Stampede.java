package dev.larder.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many times the loader runs when {@value #THREADS} threads miss one cold key at once: the threads meet at a
 * barrier, then all call {@code byId} with the same new key, whose load takes {@value #LOAD_MILLIS} ms (a slow query,
 * so that callers arriving during the load find no value yet). Not a timing: a count, repeated and reported as the
 * maximum and mean per round.
 */
public final class Stampede {
    static final int THREADS = 100;
    static final int LOAD_MILLIS = 50;

    /** Loads per round for one library. */
    public record Count(Library library, int rounds, int max, double mean) {}

    private Stampede() {}

    public static List<Count> countAll(int rounds) throws Exception {
        List<Count> counts = new ArrayList<>();
        for (Library library : Library.values()) {
            counts.add(count(library, rounds));
        }
        return counts;
    }

    public static Count count(Library library, int rounds) throws Exception {
        AtomicInteger loads = new AtomicInteger();
        Source slow = (id, tenant) -> {
            loads.incrementAndGet();
            try {
                Thread.sleep(LOAD_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return tenant + "/" + id;
        };
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        int max = 0;
        long total = 0;
        try (Subject subject = library.open(slow)) {
            Lookup lookup = subject.lookup();
            for (int round = 0; round < rounds; round++) {
                loads.set(0);
                int coldKey = 1_000_000 + round;
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<String>> calls = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    calls.add(pool.submit(() -> {
                        start.await();
                        return lookup.byId(coldKey);
                    }));
                }
                for (Future<String> call : calls) {
                    call.get();
                }
                max = Math.max(max, loads.get());
                total += loads.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Count(library, rounds, max, (double) total / rounds);
    }

    /** Prints the counts. Argument: {@code [rounds]}, default 20. */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        for (Count count : countAll(rounds)) {
            System.out.printf(
                    Locale.ROOT, "%-45s max %3d  mean %6.1f%n", count.library().label(), count.max(), count.mean());
        }
    }
}
