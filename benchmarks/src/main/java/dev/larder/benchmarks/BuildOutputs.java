package dev.larder.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Other modules' build outputs that the benchmarks start JVMs with, found under the working directory or its parent
 * (the repository root or {@code benchmarks/}): the agent jar, and the bookshop sample with its libraries.
 */
final class BuildOutputs {
    private BuildOutputs() {}

    /** The shaded agent jar, {@code agent/target/larder-agent-<version>.jar}. */
    static Path agentJar() throws IOException {
        Path target = target("agent", "mvn -pl agent -am package");
        Path jar = onlyJar(target, "larder-agent-*.jar");
        if (jar == null) {
            throw new IllegalStateException("No Larder agent jar (larder-agent-<version>.jar) in " + target
                    + "; build it with 'mvn -pl agent -am package' and run from the repository root");
        }
        return jar;
    }

    /**
     * The bookshop sample's class path as a user would have it: its jar and the libraries the build copies beside it
     * ({@code samples/target/lib}).
     */
    static String sampleClassPath() throws IOException {
        Path target = target("samples", "mvn -pl samples -am package");
        Path jar = onlyJar(target, "larder-samples-*.jar");
        Path lib = target.resolve("lib");
        if (jar == null || !Files.isDirectory(lib)) {
            throw new IllegalStateException("The bookshop sample is not built in " + target
                    + "; build it with 'mvn -pl samples -am package' and run from the repository root");
        }
        List<String> entries = new ArrayList<>();
        entries.add(jar.toString());
        try (DirectoryStream<Path> libraries = Files.newDirectoryStream(lib, "*.jar")) {
            for (Path library : libraries) {
                entries.add(library.toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path target(String module, String build) {
        Path cwd = Path.of("").toAbsolutePath();
        List<Path> searched = new ArrayList<>();
        for (Path root = cwd; root != null && searched.size() < 2; root = root.getParent()) {
            Path target = root.resolve(module).resolve("target");
            if (Files.isDirectory(target)) {
                return target;
            }
            searched.add(target);
        }
        throw new IllegalStateException(
                "None of " + searched + " exists; build it with '" + build + "' and run from the repository root");
    }

    /** The module's main jar: not its sources, and not the agent's weaver-only jar. */
    private static @Nullable Path onlyJar(Path target, String glob) throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, glob)) {
            for (Path jar : jars) {
                String name = jar.getFileName().toString();
                if (!name.endsWith("-weaver.jar") && !name.endsWith("-sources.jar")) {
                    return jar;
                }
            }
        }
        return null;
    }
}
