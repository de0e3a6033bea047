package dev.larder.it.agent.app;

import dev.larder.Larder;
import dev.larder.it.agent.Books;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Run in a forked JVM with the agent: checks hits, single-flight and invalidation on {@link Books} and leaves a
 * write-behind write pending for the shutdown hook. Prints {@code WOVEN OK}, or exits with status 2. With {@code
 * --wait} it first prints its pid and waits for a line on standard input, so that a test can attach the agent.
 */
public final class WovenApp {
    private WovenApp() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--wait")) {
            System.out.println("PID " + ProcessHandle.current().pid());
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        Path journal = Path.of(args[args.length - 1]);
        Books books = new Books();
        books.find(1);
        books.find(1);
        check(books.runs.get() == 1, "a hit skips the body, runs " + books.runs.get());

        CountDownLatch gate = new CountDownLatch(1);
        books.gate = gate;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> books.slow("hot")));
        }
        while (Larder.stats("Books.slow").waits() < 7) {
            Thread.onSpinWait();
        }
        gate.countDown();
        for (Future<String> result : results) {
            check(result.get(10, TimeUnit.SECONDS).equals("hot 1st"), "every caller gets the one load's value");
        }
        pool.shutdown();
        check(books.runs.get() == 2, "concurrent misses run the body once, runs " + books.runs.get());

        books.evict(1);
        check(books.find(1).equals("book #1 2nd"), "invalidation makes the next call load again");

        new Journal(journal).append("j1", "pending until shutdown");
        System.out.println("WOVEN OK");
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            System.out.println("FAILED: " + what);
            System.exit(2);
        }
    }
}
