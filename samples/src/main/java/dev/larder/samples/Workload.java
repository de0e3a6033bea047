package dev.larder.samples;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * A shop's traffic against a {@link Bookshop}: worker threads send a fixed number of requests in the mix of {@link
 * Operation}, for books drawn with Zipf's law, timing each. Book popularity is a fixed shuffle of the catalogue (the
 * hottest book is not book 1), and each thread's random source is seeded, so two runs send the same requests.
 */
public final class Workload {
    private static final int LOCK_STRIPES = 1024;
    private static final long SAMPLE_MILLIS = 100;
    /** The fewest and most books on a page of a listing (a bulk lookup). */
    static final int PAGE_MIN = 20;

    static final int PAGE_MAX = 50;

    private final CatalogueSeed seed;
    private final int operations;
    private final int threads;
    private final long randomSeed;
    private final ZipfSampler zipf;
    private final long[] bookOfRank;
    private final Object[] locks = new Object[LOCK_STRIPES];

    /**
     * @param seed the catalogue the database was built from
     * @param operations requests in total
     * @param threads worker threads
     * @param exponent the Zipf exponent of book popularity
     * @param randomSeed seeds popularity and every thread's requests
     */
    public Workload(CatalogueSeed seed, int operations, int threads, double exponent, long randomSeed) {
        if (operations < 1 || threads < 1) {
            throw new IllegalArgumentException(
                    "operations and threads must be at least 1, were " + operations + " and " + threads);
        }
        this.seed = Objects.requireNonNull(seed, "seed");
        this.operations = operations;
        this.threads = threads;
        this.randomSeed = randomSeed;
        this.zipf = new ZipfSampler(seed.bookCount(), exponent);
        List<Long> ids = new ArrayList<>(seed.bookCount());
        for (long id = 1; id <= seed.bookCount(); id++) {
            ids.add(id);
        }
        Collections.shuffle(ids, new java.util.Random(randomSeed));
        this.bookOfRank = ids.stream().mapToLong(Long::longValue).toArray();
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * Runs the workload to the end and returns what it measured. A request that throws stops the run and is rethrown.
     *
     * @param label names the run on the progress line
     * @param probe reads cache hits and misses for the timeline, or null when there is no cache
     * @param progress where the progress line goes, or null for none
     */
    public Run run(Bookshop catalog, String label, @Nullable HitProbe probe, @Nullable PrintStream progress)
            throws InterruptedException {
        Ledger ledger = new Ledger(seed);
        LongAdder done = new LongAdder();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Worker> workers = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int share = operations / threads + (t < operations % threads ? 1 : 0);
            Worker worker = new Worker(catalog, ledger, done, share, new SplittableRandom(randomSeed * 31 + t));
            workers.add(worker);
            Thread thread = new Thread(
                    () -> {
                        try {
                            start.await();
                            worker.run();
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    },
                    "shop-" + label + "-" + t);
            running.add(thread);
            thread.start();
        }
        Timeline timeline = new Timeline(label, operations, probe, progress);
        long began = System.nanoTime();
        start.countDown();
        while (!joined(running, SAMPLE_MILLIS)) {
            timeline.sample(System.nanoTime() - began, done.sum());
        }
        long elapsed = System.nanoTime() - began;
        timeline.sample(elapsed, done.sum());
        timeline.finish();
        Throwable failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("the " + label + " run failed: " + failed, failed);
        }
        return collect(label, elapsed, workers, timeline, ledger);
    }

    private static boolean joined(List<Thread> threads, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        for (Thread thread : threads) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return !anyAlive(threads);
            }
            thread.join(left);
        }
        return !anyAlive(threads);
    }

    private static boolean anyAlive(List<Thread> threads) {
        return threads.stream().anyMatch(Thread::isAlive);
    }

    private static Run collect(String label, long elapsed, List<Worker> workers, Timeline timeline, Ledger ledger) {
        Map<Operation, LatencyHistogram> latency = new EnumMap<>(Operation.class);
        Map<Operation, LatencyHistogram> database = new EnumMap<>(Operation.class);
        Map<Operation, LatencyHistogram> outside = new EnumMap<>(Operation.class);
        Map<Operation, Long> issued = new EnumMap<>(Operation.class);
        Map<Operation, Long> queried = new EnumMap<>(Operation.class);
        long pageBooks = 0;
        for (Worker worker : workers) {
            pageBooks += worker.pageBooks;
        }
        LatencyHistogram all = new LatencyHistogram();
        for (Operation op : Operation.values()) {
            LatencyHistogram merged = new LatencyHistogram();
            LatencyHistogram inDatabase = new LatencyHistogram();
            LatencyHistogram rest = new LatencyHistogram();
            for (Worker worker : workers) {
                merged.add(worker.latency.get(op));
                inDatabase.add(worker.database.get(op));
                rest.add(worker.outside.get(op));
            }
            latency.put(op, merged);
            database.put(op, inDatabase);
            outside.put(op, rest);
            issued.put(op, merged.count());
            long ran = 0;
            for (Worker worker : workers) {
                ran += worker.queried[op.ordinal()];
            }
            queried.put(op, ran);
            all.add(merged);
        }
        return new Run(
                label,
                elapsed,
                Map.copyOf(issued),
                Map.copyOf(queried),
                pageBooks,
                Map.copyOf(latency),
                Map.copyOf(database),
                Map.copyOf(outside),
                all,
                timeline.samples(),
                ledger);
    }

    private Object lockFor(long id) {
        return locks[(int) (id % LOCK_STRIPES)];
    }

    /** A book drawn by popularity. */
    long drawBook(SplittableRandom random) {
        return bookOfRank[zipf.next(random)];
    }

    /** The ids of a page of a listing: 20 to 50 different books (fewer in a smaller catalogue), drawn by popularity. */
    private List<Long> page(SplittableRandom random) {
        int size = Math.min(seed.bookCount(), PAGE_MIN + random.nextInt(PAGE_MAX - PAGE_MIN + 1));
        Set<Long> ids = new LinkedHashSet<>();
        while (ids.size() < size) {
            ids.add(drawBook(random));
        }
        return List.copyOf(ids);
    }

    /** One thread's share of the requests. */
    private final class Worker {
        private final Bookshop catalog;
        private final Ledger ledger;
        private final LongAdder done;
        private final int share;
        private final SplittableRandom random;
        private final Map<Operation, LatencyHistogram> latency = new EnumMap<>(Operation.class);
        /** Each request's time in database statements on this thread. */
        private final Map<Operation, LatencyHistogram> database = new EnumMap<>(Operation.class);
        /** Each request's time outside them: the cache, the stripe lock, waiting for a core. */
        private final Map<Operation, LatencyHistogram> outside = new EnumMap<>(Operation.class);
        /** Requests that ran at least one database statement on this thread, by operation ordinal. */
        private final long[] queried = new long[Operation.values().length];
        /** Books asked for by the pages of books this thread requested. */
        private long pageBooks;

        Worker(Bookshop catalog, Ledger ledger, LongAdder done, int share, SplittableRandom random) {
            this.catalog = catalog;
            this.ledger = ledger;
            this.done = done;
            this.share = share;
            this.random = random;
            for (Operation op : Operation.values()) {
                latency.put(op, new LatencyHistogram());
                database.put(op, new LatencyHistogram());
                outside.put(op, new LatencyHistogram());
            }
        }

        void run() {
            for (int i = 0; i < share; i++) {
                Operation op = Operation.forDraw(random.nextInt(10_000));
                long id = op == Operation.DELIST || op == Operation.MOVE_BOOK
                        ? 1 + random.nextInt(seed.bookCount())
                        : drawBook(random);
                long inDatabase = Database.nanosOnThisThread();
                long began = System.nanoTime();
                perform(op, id);
                long took = System.nanoTime() - began;
                inDatabase = Database.nanosOnThisThread() - inDatabase;
                latency.get(op).record(took);
                database.get(op).record(inDatabase);
                outside.get(op).record(Math.max(0, took - inDatabase));
                if (inDatabase > 0) {
                    queried[op.ordinal()]++;
                }
                done.increment();
            }
        }

        private void perform(Operation op, long id) {
            switch (op) {
                case FIND_BOOK -> catalog.findBook(id);
                case BOOK_PAGE -> {
                    List<Long> ids = page(random);
                    pageBooks += ids.size();
                    catalog.findBooks(ids);
                }
                case SEARCH_BY_AUTHOR ->
                    catalog.searchByAuthor(
                            new SearchQuery(seed.authorOf(id), seed.authorIdOf(id), random.nextInt(5) == 0 ? 1 : 0));
                case AUTHOR_PAGE -> catalog.authorBooks(ledger.authorOf(id));
                case RECORD_VIEW -> {
                    // Read the total and write the next one as one step per book, or two views could write one total.
                    synchronized (lockFor(id)) {
                        catalog.recordView(id, catalog.views(id).next());
                        ledger.viewed(id);
                    }
                }
                case UPDATE_PRICE -> {
                    BigDecimal price = CatalogueSeed.randomPrice(random);
                    synchronized (lockFor(id)) {
                        if (catalog.updatePrice(id, price) != null) {
                            ledger.priced(id, price);
                        }
                    }
                }
                case MOVE_BOOK -> {
                    if (seed.authorCount() < 2) {
                        return;
                    }
                    synchronized (lockFor(id)) {
                        int from = ledger.authorOf(id);
                        int to = (from + 1 + random.nextInt(seed.authorCount() - 1)) % seed.authorCount();
                        if (catalog.moveBook(id, from, to)) {
                            // The move has returned: the next read of either author's page must show it.
                            ledger.moved(id, from, to, catalog.authorBooks(from), catalog.authorBooks(to));
                        }
                    }
                }
                case DELIST -> {
                    synchronized (lockFor(id)) {
                        if (catalog.delist(id)) {
                            ledger.delisted(id);
                        }
                    }
                }
            }
        }
    }

    /** Reads the cache's hits and misses so far, summed over the caches of interest. */
    @FunctionalInterface
    public interface HitProbe {
        long[] hitsAndMisses();
    }

    /**
     * What one run measured.
     *
     * @param label the run's name
     * @param elapsedNanos wall time from the first request to the last
     * @param issued requests sent, by operation, counted by the workload
     * @param queried of those, the requests that ran at least one database statement
     * @param pageBooks books asked for by all the pages of books ({@link Operation#BOOK_PAGE}), 20 to 50 a page
     * @param latency latency by operation
     * @param database time in database statements by operation, per request (0 for a request the cache answered)
     * @param outsideDatabase the rest of each request's time by operation: the cache, the workload's per-book lock,
     *     waiting for a core
     * @param all latency of every request
     * @param timeline progress samples, about ten a second
     * @param ledger what the run did to each book
     */
    public record Run(
            String label,
            long elapsedNanos,
            Map<Operation, Long> issued,
            Map<Operation, Long> queried,
            long pageBooks,
            Map<Operation, LatencyHistogram> latency,
            Map<Operation, LatencyHistogram> database,
            Map<Operation, LatencyHistogram> outsideDatabase,
            LatencyHistogram all,
            List<Timeline.Sample> timeline,
            Ledger ledger) {
        /** Requests per second. */
        public double throughput() {
            return all.count() / (elapsedNanos / 1e9);
        }
    }
}
