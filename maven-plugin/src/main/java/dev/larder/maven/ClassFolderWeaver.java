package dev.larder.maven;

import dev.larder.weaver.ClassFiles;
import dev.larder.weaver.Dialects;
import dev.larder.weaver.LarderWeaver;
import dev.larder.weaver.Rules;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Weaves the class files of one folder with the agent's {@link LarderWeaver}, writing them in place or to another
 * folder (with the folder's other files copied).
 *
 * <ul>
 *   <li>Idempotent: a class that already has the weaver's site fields ({@code larder$site$N}) is left as it is, so
 *       weaving twice never wraps a method twice.
 *   <li>Incremental: a {@link WeaveState} file records each class file as read and as written; a class whose files
 *       still match is not read again.
 *   <li>Reproducible: the weaver names its fields by position and adds no time stamps, so the same input gives the
 *       same bytes.
 *   <li>Every invalid method of every class is collected; a class with an invalid method is not written, so that the
 *       next build reports it again instead of finding it marked as woven.
 * </ul>
 *
 * Not thread-safe; one instance per folder and run.
 */
final class ClassFolderWeaver {
    /** The runtime class every woven class calls from its static initializer. */
    static final String RUNTIME_ENTRY = "dev.larder.internal.weave.WovenMethods";

    private final Path input;
    private final Path output;
    private final List<Path> classPath;
    private final Rules rules;
    private final Dialects dialects;
    private final ClassFilter filter;

    /**
     * @param input the folder of compiled classes
     * @param output where the woven classes go: {@code input} to weave in place
     * @param classPath jars and folders for type resolution (the project's class path; {@code input} may be on it)
     * @param rules rules for code without annotations, or {@link Rules#none()}
     * @param filter which classes may be woven
     */
    ClassFolderWeaver(Path input, Path output, Collection<Path> classPath, Rules rules, ClassFilter filter) {
        this(input, output, classPath, rules, Dialects.NONE, filter);
    }

    /** As the other constructor; {@code dialects}: the other libraries' caching annotations to honour. */
    ClassFolderWeaver(
            Path input, Path output, Collection<Path> classPath, Rules rules, Dialects dialects, ClassFilter filter) {
        this.input = Objects.requireNonNull(input, "input").toAbsolutePath().normalize();
        this.output = Objects.requireNonNull(output, "output").toAbsolutePath().normalize();
        this.classPath = classPath.stream()
                .map(path -> path.toAbsolutePath().normalize())
                .filter(path -> !path.equals(this.input) && Files.exists(path))
                .collect(Collectors.toList());
        this.rules = Objects.requireNonNull(rules, "rules");
        this.dialects = Objects.requireNonNull(dialects, "dialects");
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    /** What one run did. Class names are binary names, sorted. */
    record Result(
            List<String> woven, int unchanged, List<String> alreadyWoven, List<String> errors, boolean runtimeMissing) {
        boolean failed() {
            return !errors.isEmpty() || runtimeMissing;
        }
    }

    /** Weaves the folder; {@code state} is read before and written after. */
    Result weave(WeaveState state) throws IOException {
        boolean inPlace = input.equals(output);
        Files.createDirectories(output);
        WeaveState.Snapshot previous = state.read(input, output, inPlace);
        Set<String> alreadyWoven = new TreeSet<>();
        Map<String, List<String>> problems = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        Set<String> failed = new TreeSet<>();
        List<String> woven = new ArrayList<>();
        LarderWeaver weaver = new LarderWeaver(
                rules,
                dialects,
                (type, messages) ->
                        problems.computeIfAbsent(type, key -> new ArrayList<>()).addAll(messages));
        List<URL> urls = new ArrayList<>();
        urls.add(input.toUri().toURL());
        for (Path entry : classPath) {
            urls.add(entry.toUri().toURL());
        }
        try (URLClassLoader types =
                new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            ClassFiles files = ClassFiles.of(types);
            for (String name : files(input)) {
                if (previous.isUpToDate(name)) {
                    continue;
                }
                Path source = input.resolve(name);
                Path target = output.resolve(name);
                byte[] bytes = Files.readAllBytes(source);
                byte[] result = null;
                String type = name.endsWith(".class")
                        ? name.substring(0, name.length() - ".class".length()).replace('/', '.')
                        : "";
                if (!type.isEmpty() && !type.endsWith("-info") && filter.accepts(type)) {
                    try {
                        if (LarderWeaver.isWoven(bytes)) {
                            alreadyWoven.add(type);
                        } else {
                            result = weaver.weave(bytes, files);
                        }
                    } catch (RuntimeException e) {
                        errors.add(type + ": cannot be woven: " + e);
                        failed.add(type);
                    }
                }
                if (problems.containsKey(type)) {
                    continue; // left as compiled, and read again next time
                }
                if (result != null) {
                    Files.createDirectories(target.getParent());
                    Files.write(target, result);
                    woven.add(type);
                } else if (!inPlace) {
                    Files.createDirectories(target.getParent());
                    Files.write(target, bytes);
                }
            }
            if (!woven.isEmpty() && types.getResource(RUNTIME_ENTRY.replace('.', '/') + ".class") == null) {
                woven.sort(null);
                return new Result(woven, 0, List.copyOf(alreadyWoven), List.of(), true);
            }
        }
        problems.values().forEach(errors::addAll);
        failed.addAll(problems.keySet());
        state.write(previous, input, output, inPlace, failed);
        woven.sort(null);
        return new Result(woven, previous.upToDate(), List.copyOf(alreadyWoven), errors, false);
    }

    /** Every regular file of {@code folder}, as sorted relative {@code /}-separated names. */
    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile)
                    .map(path -> folder.relativize(path).toString().replace('\\', '/'))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }
}
