package dev.larder.agent;

import dev.larder.model.Durations;
import dev.larder.weaver.LarderWeaver;
import dev.larder.weaver.Rules;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the agent tells: one INFO line per woven class, every problem at ERROR, and a summary, {@link #schedule after}
 * the start and again at shutdown, that also names each rule whose class never loaded. With strict=true a problem
 * stops the JVM, as does a never-loaded rule at the timed summary (not at shutdown, where the JVM is stopping already).
 * The INFO lines are logged on a thread of their own once the start-up's weaving is quiet ({@link InfoLines}),
 * problems at once on the thread that found them, so
 * that strict=true stops the JVM before the class loads. Each summary waits for the INFO lines before it, at most
 * {@link #WAIT_FOR_LINES_MS}. The shutdown summary, and any INFO line not logged by then, are printed to standard
 * error, as the logging system may be closed by then. Thread-safe: classes load on many threads.
 */
final class AgentReport implements LarderWeaver.Problems {
    private final Rules rules;
    private final boolean strict;
    private final Instrumentation instrumentation;
    private final Set<String> ruledClassesSeen = ConcurrentHashMap.newKeySet();
    private final Set<String> caches = ConcurrentHashMap.newKeySet();
    private final AtomicInteger classes = new AtomicInteger();
    private final AtomicInteger methods = new AtomicInteger();
    private final AtomicInteger problems = new AtomicInteger();
    private final InfoLines lines = new InfoLines();

    /** How long a summary waits for the INFO lines before it to be logged. */
    static final long WAIT_FOR_LINES_MS = 5_000;

    AgentReport(Rules rules, boolean strict, Instrumentation instrumentation) {
        this.rules = rules;
        this.strict = strict;
        this.instrumentation = instrumentation;
    }

    /** Reports {@code delay} after now, on a daemon thread, and at shutdown. */
    void schedule(Duration delay) {
        Thread timer = new Thread(new Timed(this, delay), "larder-agent-report");
        timer.setDaemon(true);
        timer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(new AtShutdown(this), "larder-agent-summary"));
    }

    private record Timed(AgentReport report, Duration delay) implements Runnable {
        @Override
        public void run() {
            try {
                // a timer, not a wait for another thread: the report is due a stated time after start
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            report.summary(Durations.format(delay) + " after start", true);
        }
    }

    private record AtShutdown(AgentReport report) implements Runnable {
        @Override
        public void run() {
            report.summary("by shutdown", false);
        }
    }

    /** A class named by a rule passed through the agent. */
    void ruledClassSeen(String binaryName) {
        ruledClassesSeen.add(binaryName);
    }

    /** A class is loading (any class, woven or not): the application's start-up goes on. */
    void classLoading() {
        lines.classLoading();
    }

    @Override
    public void report(String type, List<String> errors) {
        problems.addAndGet(errors.size());
        if (!errors.isEmpty()) {
            lines.release(); // logging a problem starts the logging system: the INFO lines need not wait
        }
        for (String problem : errors) {
            AgentStartup.log().log(System.Logger.Level.ERROR, "Not woven: " + problem);
        }
        if (strict) {
            AgentStartup.stop();
        }
    }

    @Override
    public void woven(String type, List<String> wovenMethods) {
        classes.incrementAndGet();
        methods.addAndGet(wovenMethods.size());
        for (String method : wovenMethods) {
            caches.addAll(caches(method));
        }
        lines.add("Larder wove " + type + ": " + String.join("; ", wovenMethods));
    }

    /** The caches a line of {@link #woven} names: each in quotes after "in" or "to". */
    static List<String> caches(String wovenMethod) {
        List<String> names = new ArrayList<>();
        for (int at = wovenMethod.indexOf(" '"); at >= 0; at = wovenMethod.indexOf(" '", at + 2)) {
            int end = wovenMethod.indexOf('\'', at + 2);
            if (end < 0) {
                break;
            }
            names.add(wovenMethod.substring(at + 2, end));
            at = end - 1;
        }
        return names;
    }

    /** A class defined as woven from the cache folder, not woven again. */
    void kept(String type) {
        classes.incrementAndGet();
        lines.add("Larder wove " + type + " (kept woven from an earlier start)");
    }

    /**
     * Logs the rules whose class never loaded and the summary. At shutdown they go to standard error instead: the
     * logging system may be closed by its own shutdown hook (java.util.logging's, Logback's) while this one runs.
     */
    private void summary(String when, boolean atTimer) {
        List<String> rest;
        if (atTimer) {
            lines.await(WAIT_FOR_LINES_MS);
            rest = List.of();
        } else {
            rest = lines.atShutdown(WAIT_FOR_LINES_MS); // lines still held go to standard error at once
        }
        List<String> neverLoaded = new ArrayList<>();
        List<String> loaded = null;
        for (String className : new TreeSet<>(rules.classNames())) {
            if (!ruledClassesSeen.contains(className)) {
                if (loaded == null) {
                    loaded = loadedNames();
                }
                neverLoaded.addAll(rules.neverLoaded(className, "had loaded " + when, loaded));
            }
        }
        String summary = "Larder " + when + ": " + classes.get() + " classes woven (" + methods.get()
                + " methods, caches " + new TreeSet<>(caches) + "), " + problems.get() + " problems, "
                + neverLoaded.size() + " rules never matched";
        if (!atTimer) {
            // at shutdown the application's logging may already be closed by its own hook: standard error still works,
            // written at once rather than line by line, as the JVM is stopping
            StringBuilder text = new StringBuilder();
            for (String line : rest) {
                text.append("Larder agent: ").append(line).append(System.lineSeparator());
            }
            for (String problem : neverLoaded) {
                text.append("Larder agent: Not woven: ").append(problem).append(System.lineSeparator());
            }
            text.append("Larder agent: ").append(summary).append(System.lineSeparator());
            System.err.print(text);
            System.err.flush();
            return;
        }
        for (String problem : neverLoaded) {
            AgentStartup.log().log(System.Logger.Level.ERROR, "Not woven: " + problem);
        }
        boolean clean = neverLoaded.isEmpty() && problems.get() == 0;
        AgentStartup.log().log(clean ? System.Logger.Level.INFO : System.Logger.Level.WARNING, summary);
        if (strict && !neverLoaded.isEmpty()) {
            AgentStartup.stop();
        }
    }

    private List<String> loadedNames() {
        List<String> names = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (!type.isArray() && !type.isHidden()) {
                names.add(type.getName());
            }
        }
        return names;
    }
}
