package dev.larder.maven;

import dev.larder.agent.weaver.LarderWeaver;
import dev.larder.agent.weaver.Rules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.build.Plugin;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeValidation;

/**
 * Weaves the class files of one folder with the agent's {@link LarderWeaver}, through Byte Buddy's {@link
 * Plugin.Engine}, writing them in place or to another folder.
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

    private static final String SITE_FIELD_PREFIX = "larder$site$";

    private final Path input;
    private final Path output;
    private final List<Path> classPath;
    private final Rules rules;
    private final ClassFilter filter;

    /**
     * @param input the folder of compiled classes
     * @param output where the woven classes go: {@code input} to weave in place
     * @param classPath jars and folders for type resolution (the project's class path; {@code input} may be on it)
     * @param rules rules for code without annotations, or {@link Rules#none()}
     * @param filter which classes may be woven
     */
    ClassFolderWeaver(Path input, Path output, Collection<Path> classPath, Rules rules, ClassFilter filter) {
        this.input = Objects.requireNonNull(input, "input").toAbsolutePath().normalize();
        this.output = Objects.requireNonNull(output, "output").toAbsolutePath().normalize();
        this.classPath = classPath.stream()
                .map(path -> path.toAbsolutePath().normalize())
                .filter(path -> !path.equals(this.input) && Files.exists(path))
                .collect(Collectors.toList());
        this.rules = Objects.requireNonNull(rules, "rules");
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

        LarderWeaver weaver = new LarderWeaver(
                rules,
                (type, messages) ->
                        problems.computeIfAbsent(type, key -> new ArrayList<>()).addAll(messages));
        List<ClassFileLocator> locators = new ArrayList<>();
        Plugin.Engine.Summary summary;
        try {
            for (Path entry : classPath) {
                locators.add(
                        Files.isDirectory(entry)
                                ? new ClassFileLocator.ForFolder(entry.toFile())
                                : ClassFileLocator.ForJarFile.of(entry.toFile()));
            }
            ClassFileLocator dependencies = new ClassFileLocator.Compound(locators);
            Plugin.Engine engine = new Plugin.Engine.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                    .with(Plugin.Engine.TypeStrategy.Default.REDEFINE)
                    .with(Plugin.Engine.PoolStrategy.Default.EXTENDED)
                    .with(ClassFileVersion.ofThisVm(ClassFileVersion.JAVA_V17))
                    .with(dependencies)
                    .withoutErrorHandlers()
                    .ignore(type -> {
                        if (!filter.accepts(type.getName())) {
                            return true;
                        }
                        if (isWoven(type)) {
                            alreadyWoven.add(type.getName());
                            return true;
                        }
                        return false;
                    });
            Plugin.Engine.Source source = new Plugin.Engine.Source.Filtering(
                    new Plugin.Engine.Source.ForFolder(input.toFile()),
                    element -> !previous.isUpToDate(element.getName()));
            summary = engine.apply(
                    source, new SkippingTarget(output, problems.keySet()), new Plugin.Factory.Simple(weaver));
            if (!summary.getTransformed().isEmpty()
                    && !dependencies.locate(RUNTIME_ENTRY).isResolved()
                    && !Files.exists(input.resolve(RUNTIME_ENTRY.replace('.', '/') + ".class"))) {
                return new Result(names(summary.getTransformed()), 0, List.copyOf(alreadyWoven), List.of(), true);
            }
        } finally {
            for (ClassFileLocator locator : locators) {
                locator.close();
            }
        }
        problems.values().forEach(errors::addAll);
        summary.getFailed().forEach((type, failures) -> {
            for (Throwable failure : failures) {
                errors.add(type.getName() + ": cannot be woven: " + failure);
            }
        });
        Set<String> failedTypes = new TreeSet<>(problems.keySet());
        summary.getFailed().keySet().forEach(type -> failedTypes.add(type.getName()));
        state.write(previous, input, output, inPlace, failedTypes);
        return new Result(
                names(summary.getTransformed()), previous.upToDate(), List.copyOf(alreadyWoven), errors, false);
    }

    /** The weaver's idempotency marker: the synthetic site fields it adds to every class it changes. */
    static boolean isWoven(TypeDescription type) {
        return type.getDeclaredFields().stream()
                .anyMatch(field -> field.isSynthetic() && field.getName().startsWith(SITE_FIELD_PREFIX));
    }

    private static List<String> names(List<TypeDescription> types) {
        return types.stream().map(TypeDescription::getName).sorted().collect(Collectors.toList());
    }

    /** A folder target that does not write the classes that had problems: they stay as compiled. */
    private static final class SkippingTarget implements Plugin.Engine.Target {
        private final Plugin.Engine.Target.ForFolder folder;
        private final Set<String> skipped;

        SkippingTarget(Path folder, Set<String> skipped) {
            this.folder = new Plugin.Engine.Target.ForFolder(folder.toFile());
            this.skipped = skipped;
        }

        @Override
        public Plugin.Engine.Target.Sink write(Manifest manifest) throws IOException {
            Plugin.Engine.Target.Sink sink = folder.write(manifest);
            return new Plugin.Engine.Target.Sink() {
                @Override
                public void store(Map<TypeDescription, byte[]> types) throws IOException {
                    sink.store(kept(types));
                }

                @Override
                public void store(ClassFileVersion version, Map<TypeDescription, byte[]> types) throws IOException {
                    sink.store(version, kept(types));
                }

                @Override
                public void retain(Plugin.Engine.Source.Element element) throws IOException {
                    sink.retain(element);
                }

                @Override
                public void close() throws IOException {
                    sink.close();
                }
            };
        }

        private Map<TypeDescription, byte[]> kept(Map<TypeDescription, byte[]> types) {
            Map<TypeDescription, byte[]> kept = new LinkedHashMap<>(types);
            kept.keySet().removeIf(type -> skipped.contains(type.getName()));
            return kept;
        }
    }
}
