package dev.larder.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.weaver.Rules;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassFolderWeaverTest {
    private static final Path TEST_CLASSES = Path.of("target", "test-classes");

    @TempDir
    Path dir;

    @Test
    void wovenClassRunsItsBodyOnceForTwoCallsWithTheSameKey() throws Exception {
        Path classes = copyFixtures("good");
        ClassFolderWeaver.Result result = weaver(classes, classes).weave(state());

        assertThat(result.errors()).isEmpty();
        assertThat(result.woven()).containsExactly("dev.larder.maven.fixtures.good.Books");
        try (URLClassLoader loader = childFirst(classes)) {
            Class<?> books = loader.loadClass("dev.larder.maven.fixtures.good.Books");
            Object instance = books.getConstructor().newInstance();
            Method title = books.getMethod("title", String.class);
            assertThat(title.invoke(instance, "42")).isEqualTo("title of 42");
            assertThat(title.invoke(instance, "42")).isEqualTo("title of 42");
            Object loads = books.getField("loads").get(instance);
            assertThat(loads).hasToString("1");
        }
    }

    @Test
    void weavingTwiceNeverWrapsTwiceEvenWithoutTheStateFile() throws Exception {
        Path classes = copyFixtures("good");
        weaver(classes, classes).weave(state());
        Map<String, String> once = hashes(classes);

        ClassFolderWeaver.Result again =
                weaver(classes, classes).weave(new WeaveState(dir.resolve("other.state"), "v"));

        assertThat(again.woven()).isEmpty();
        assertThat(again.alreadyWoven()).containsExactly("dev.larder.maven.fixtures.good.Books");
        assertThat(hashes(classes)).isEqualTo(once);
    }

    @Test
    void secondRunSkipsEveryClassUnchangedSinceTheFirst() throws Exception {
        Path classes = copyFixtures("good");
        WeaveState state = state();
        weaver(classes, classes).weave(state);

        ClassFolderWeaver.Result again = weaver(classes, classes).weave(state);

        assertThat(again.woven()).isEmpty();
        assertThat(again.alreadyWoven()).isEmpty();
        assertThat(again.unchanged()).isEqualTo(2);
    }

    @Test
    void sameInputGivesTheSameBytes() throws Exception {
        Path first = copyFixtures("good");
        Path second = dir.resolve("second");
        weaver(first, first).weave(new WeaveState(dir.resolve("a.state"), "v"));
        weaver(copyFixtures("good"), second).weave(new WeaveState(dir.resolve("b.state"), "v"));

        assertThat(hashes(second)).isEqualTo(hashes(first));
    }

    @Test
    void anotherOutputFolderGetsWovenCopiesAndTheInputStaysAsCompiled() throws Exception {
        Path classes = copyFixtures("good");
        Map<String, String> compiled = hashes(classes);
        Path woven = dir.resolve("woven");

        ClassFolderWeaver.Result result = weaver(classes, woven).weave(state());

        assertThat(result.woven()).hasSize(1);
        assertThat(hashes(classes)).isEqualTo(compiled);
        assertThat(hashes(woven).keySet()).isEqualTo(compiled.keySet());
        assertThat(hashes(woven).get("dev/larder/maven/fixtures/good/Books.class"))
                .isNotEqualTo(compiled.get("dev/larder/maven/fixtures/good/Books.class"));
        assertThat(hashes(woven).get("dev/larder/maven/fixtures/good/Plain.class"))
                .isEqualTo(compiled.get("dev/larder/maven/fixtures/good/Plain.class"));
    }

    @Test
    void everyInvalidMethodIsReportedAndTheClassIsLeftAsCompiled() throws Exception {
        Path classes = copyFixtures("bad");
        Map<String, String> compiled = hashes(classes);

        ClassFolderWeaver.Result result = weaver(classes, classes).weave(state());

        assertThat(result.errors()).hasSize(2);
        assertThat(result.errors().get(0)).contains("BadBooks", "title", "{isbm}");
        assertThat(result.errors().get(1)).contains("BadBooks", "touch");
        assertThat(hashes(classes)).isEqualTo(compiled);
        assertThat(weaver(classes, classes).weave(state()).errors())
                .as("reported again on the next build")
                .hasSize(2);
    }

    @Test
    void excludedClassesAreNotWoven() throws Exception {
        Path classes = copyFixtures("good");
        ClassFolderWeaver weaver = new ClassFolderWeaver(
                classes, classes, classPath(), Rules.none(), new ClassFilter(List.of(), List.of("**.Books")));

        assertThat(weaver.weave(state()).woven()).isEmpty();
    }

    private WeaveState state() {
        return new WeaveState(dir.resolve("weave.state"), "test");
    }

    private static ClassFolderWeaver weaver(Path input, Path output) {
        return new ClassFolderWeaver(input, output, classPath(), Rules.none(), ClassFilter.all());
    }

    private static List<Path> classPath() {
        return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of)
                .collect(Collectors.toList());
    }

    private Path copyFixtures(String fixturePackage) throws IOException {
        Path source = TEST_CLASSES.resolve("dev/larder/maven/fixtures").resolve(fixturePackage);
        Path target = Files.createTempDirectory(dir, "classes");
        Path packageDir = target.resolve("dev/larder/maven/fixtures").resolve(fixturePackage);
        Files.createDirectories(packageDir);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.collect(Collectors.toList())) {
                Files.copy(file, packageDir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }

    private static Map<String, String> hashes(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .collect(Collectors.toMap(
                            file -> folder.relativize(file).toString().replace('\\', '/'),
                            WeaveState::sha256,
                            (a, b) -> a,
                            TreeMap::new));
        }
    }

    /** Loads the fixtures from the woven folder, everything else from the test class path. */
    private static URLClassLoader childFirst(Path classes) throws IOException {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClassFolderWeaverTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (!name.startsWith("dev.larder.maven.fixtures.")) {
                    return super.loadClass(name, resolve);
                }
                synchronized (getClassLoadingLock(name)) {
                    Class<?> loaded = findLoadedClass(name);
                    return loaded != null ? loaded : findClass(name);
                }
            }
        };
    }
}
