package dev.larder.benchmarks;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The agent's start-up cost: an application of a few hundred generated classes, one in ten with a {@code @Cached}
 * method, compiled here and started with and without {@code -javaagent:larder-agent.jar}; the medians of several runs
 * each, measured as wall-clock time from process start to exit. A third variant of the same application caches those
 * methods by hand in a Caffeine cache of its own (what a team would otherwise write): it shows how much of the agent's
 * cost is the weaving and the runtime, and how much any in-process cache costs when it first starts. A fourth starts
 * with the agent and its {@code cache=} folder filled by an earlier start, so nothing is woven again.
 */
final class StartupRun {
    /** The medians, in milliseconds, and how many classes the application had. */
    record Result(
            int classes, long plainMillis, long agentMillis, long cachedMillis, long caffeineMillis, Sample sample) {
        /** {@code millis} ÷ the start without the agent. */
        double toPlain(long millis) {
            return (double) millis / plainMillis;
        }

        /** {@code millis} ÷ the hand-written Caffeine start. */
        double toCaffeine(long millis) {
            return (double) millis / caffeineMillis;
        }
    }

    /**
     * The bookshop sample's run, median milliseconds: in compile-time mode (no agent), in load-time mode with the
     * agent, and with the agent and a filled cache folder.
     */
    record Sample(long compileTimeMillis, long agentMillis, long cachedMillis) {
        double ratio(long millis) {
            return (double) millis / compileTimeMillis;
        }
    }

    /** A short run of the sample: seeding its database and a few requests dominate, as starting an application does. */
    static final List<String> SAMPLE_ARGS = List.of("--ops", "2000", "--threads", "1", "--no-progress");

    private static final String CAFFEINE_PACKAGE = "com/github/benmanes/caffeine/";

    private StartupRun() {}

    /**
     * @param runs how many times each start of the generated application is timed
     * @param sampleRuns how many times each run of the bookshop sample is timed: its run is longer and varies more
     */
    static Result run(int classes, int runs, int sampleRuns) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("larder-startup-");
        Path out = dir.resolve("classes");
        compile(dir.resolve("src"), out, classes, false);
        Path handWritten = dir.resolve("hand-written");
        compile(dir.resolve("hand-written-src"), handWritten, classes, true);
        String caffeineClasses = handWritten + File.pathSeparator + caffeineClasses(dir.resolve("caffeine"));
        String agent = "-javaagent:" + BuildOutputs.agentJar();
        String cachedAgent = agent + "=cache=" + dir.resolve("woven");
        try {
            time(out.toString(), null); // warm the file system cache
            time(out.toString(), cachedAgent); // and fill the agent's cache folder
            long[] plain = new long[runs];
            long[] woven = new long[runs];
            long[] cached = new long[runs];
            long[] caffeine = new long[runs];
            for (int i = 0; i < runs; i++) {
                plain[i] = time(out.toString(), null);
                woven[i] = time(out.toString(), agent);
                cached[i] = time(out.toString(), cachedAgent);
                caffeine[i] = time(caffeineClasses, null);
            }
            Sample sample = sample(dir, sampleRuns, agent + "=cache=" + dir.resolve("sample-woven"));
            return new Result(classes, median(plain), median(woven), median(cached), median(caffeine), sample);
        } finally {
            delete(dir);
        }
    }

    /**
     * The bookshop sample (an H2 database of 5,000 books, about 900 classes), from its jar and libraries in {@code
     * samples/target}, in compile-time mode
     * without the agent, against load-time mode with it: the same caching, so the difference is the agent's.
     */
    private static Sample sample(Path dir, int runs, String cachedAgent) throws IOException, InterruptedException {
        String agent = "-javaagent:" + BuildOutputs.agentJar();
        List<String> report =
                List.of("--report", dir.resolve("sample-report.html").toString());
        List<String> compileTime = new ArrayList<>(SAMPLE_ARGS);
        compileTime.addAll(report);
        List<String> loadTime = new ArrayList<>(SAMPLE_ARGS);
        loadTime.addAll(List.of("--mode", "load-time"));
        loadTime.addAll(report);
        String classPath = BuildOutputs.sampleClassPath();
        run(List.of(), classPath, "dev.larder.samples.Main", compileTime); // warm the file system cache
        run(List.of(cachedAgent), classPath, "dev.larder.samples.Main", loadTime); // fill the cache folder
        long[] plain = new long[runs];
        long[] woven = new long[runs];
        long[] cached = new long[runs];
        for (int i = 0; i < runs; i++) {
            plain[i] = run(List.of(), classPath, "dev.larder.samples.Main", compileTime);
            woven[i] = run(List.of(agent), classPath, "dev.larder.samples.Main", loadTime);
            cached[i] = run(List.of(cachedAgent), classPath, "dev.larder.samples.Main", loadTime);
        }
        return new Sample(median(plain), median(woven), median(cached));
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /**
     * @param handWritten whether the one class in ten caches in a Caffeine cache of its own instead of carrying
     *     {@code @Cached}
     */
    private static void compile(Path root, Path out, int classes, boolean handWritten) throws IOException {
        Path src = Files.createDirectories(root.resolve("app"));
        List<String> files = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
            String body;
            if (i % 10 != 0) {
                body = "    public String value(String key) { return key + " + i + "; }\n";
            } else if (handWritten) {
                body = "    private static final com.github.benmanes.caffeine.cache.Cache<String, String> CACHE =\n"
                        + "            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()"
                        + ".maximumSize(10_000).build();\n"
                        + "    public String value(String key) { return CACHE.get(key, k -> k + " + i + "); }\n";
            } else {
                body = "    @dev.larder.annotation.Cached public String value(String key) { return key + " + i
                        + "; }\n";
            }
            files.add(Files.writeString(
                            src.resolve("Type" + i + ".java"),
                            "package app;\npublic class Type" + i + " {\n" + body + "}\n")
                    .toString());
        }
        files.add(Files.writeString(
                        src.resolve("Main.java"),
                        "package app;\npublic class Main {\n    public static void main(String[] args) throws Exception"
                                + " {\n        for (int i = 0; i < " + classes + "; i++) {\n"
                                + "            Class<?> type = Class.forName(\"app.Type\" + i);\n"
                                + "            Object instance = type.getConstructor().newInstance();\n"
                                + "            type.getMethod(\"value\", String.class).invoke(instance, \"k\");\n"
                                + "        }\n"
                                // With the agent, the first annotated class must really have been woven.
                                + "        boolean woven = java.util.Arrays.stream(Type0.class.getDeclaredFields())\n"
                                + "                .anyMatch(f -> f.getName().startsWith(\"larder$site$\"));\n"
                                + "        if (woven != (args.length > 0)) {\n"
                                + "            System.exit(3);\n"
                                + "        }\n    }\n}\n")
                .toString());
        Files.createDirectories(out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of(
                "-parameters", "-proc:none", "-d", out.toString(), "-cp", System.getProperty("java.class.path")));
        arguments.addAll(files);
        if (javac.run(null, null, null, arguments.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("The generated start-up application did not compile");
        }
    }

    /**
     * Caffeine's classes alone, copied out of the benchmarks' jar into a folder: the hand-written application gets
     * exactly what it would have on its class path, not a jar of every library the benchmarks compare.
     */
    private static String caffeineClasses(Path folder) throws IOException {
        URL jar = Caffeine.class.getProtectionDomain().getCodeSource().getLocation();
        Path location;
        try {
            location = Path.of(jar.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("Cannot locate Caffeine's classes at " + jar, e);
        }
        if (Files.isDirectory(location)) {
            return location.toString();
        }
        try (JarFile file = new JarFile(location.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(CAFFEINE_PACKAGE)) {
                    Path target = folder.resolve(entry.getName());
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
        return folder.toString();
    }

    private static long time(String classes, String agent) throws IOException, InterruptedException {
        // With the agent, the application checks that it was woven.
        return agent == null
                ? run(List.of(), classes, "app.Main", List.of())
                : run(List.of(agent), classes, "app.Main", List.of("expect-woven"));
    }

    /** Runs a JVM to its end; the milliseconds from its start. Fails unless it exits with 0. */
    private static long run(List<String> jvm, String classPath, String main, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.addAll(List.of("-cp", classPath, main));
        command.addAll(args);
        File log = new File(System.getProperty("java.io.tmpdir"), "larder-startup.log");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "The start-up application failed or was not woven as expected (" + command + "); see " + log);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
