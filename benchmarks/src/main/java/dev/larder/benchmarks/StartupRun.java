package dev.larder.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The agent's start-up cost: an application of a few hundred generated classes, one in ten with a {@code @Cached}
 * method, compiled here and started with and without {@code -javaagent:larder-agent.jar}; the medians of several runs
 * each, measured as wall-clock time from process start to exit.
 */
final class StartupRun {
    /** The two medians, in milliseconds, and how many classes the application had. */
    record Result(int classes, long plainMillis, long agentMillis) {
        double ratio() {
            return (double) agentMillis / plainMillis;
        }
    }

    private StartupRun() {}

    static Result run(int classes, int runs) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("larder-startup-");
        Path out = dir.resolve("classes");
        compile(dir, out, classes);
        String agent = "-javaagent:" + WovenHitBenchmark.agentJar();
        time(out, null); // warm the file system cache
        long[] plain = new long[runs];
        long[] woven = new long[runs];
        for (int i = 0; i < runs; i++) {
            plain[i] = time(out, null);
            woven[i] = time(out, agent);
        }
        return new Result(classes, median(plain), median(woven));
    }

    private static void compile(Path dir, Path out, int classes) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/app"));
        List<String> files = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
            String annotation = i % 10 == 0 ? "@dev.larder.annotation.Cached " : "";
            files.add(Files.writeString(
                            src.resolve("Type" + i + ".java"),
                            "package app;\npublic class Type" + i
                                    + " {\n    " + annotation + "public String value(String key) { return key + " + i
                                    + "; }\n}\n")
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

    private static long time(Path classes, String agent) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (agent != null) {
            command.add(agent);
        }
        command.addAll(List.of("-cp", classes.toString(), "app.Main"));
        if (agent != null) {
            command.add("expect-woven");
        }
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(new File(System.getProperty("java.io.tmpdir"), "larder-startup.log"))
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("The start-up application failed or was not woven as expected (" + command
                    + "); see "
                    + System.getProperty("java.io.tmpdir") + "/larder-startup.log");
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
