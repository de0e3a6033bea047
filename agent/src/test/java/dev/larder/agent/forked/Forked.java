package dev.larder.agent.forked;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a forked JVM and collects its exit status and output. */
final class Forked {
    static final Path AGENT = Path.of(System.getProperty("larder.agent.jar", "target/larder-agent.jar"));
    /** The jar to attach to a running JVM, beside the agent's. */
    static final Path ATTACH_AGENT =
            AGENT.resolveSibling(AGENT.getFileName().toString().replaceFirst("\\.jar$", "-attach.jar"));

    static final Path TEST_CLASSES = Path.of(System.getProperty("larder.test.classes", "target/test-classes"));

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Forked() {}

    static ProcessBuilder java(List<String> jvm, String classPath, String main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.add("-cp");
        command.add(classPath);
        command.add(main);
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    static Result run(ProcessBuilder builder, Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process =
                builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("forked JVM did not finish: " + read(out) + read(err));
        }
        return new Result(process.exitValue(), read(out), read(err));
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    static String agent(String options) {
        return agent(AGENT, options);
    }

    static String agent(Path jar, String options) {
        return "-javaagent:" + jar + (options.isEmpty() ? "" : "=" + options);
    }
}
