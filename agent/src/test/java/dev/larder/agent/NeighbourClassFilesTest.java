package dev.larder.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeighbourClassFilesTest {
    private static final byte[] BESIDE = "beside".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ELSEWHERE = "elsewhere".getBytes(StandardCharsets.US_ASCII);

    private final NeighbourClassFiles files = new NeighbourClassFiles();

    @TempDir
    Path dir;

    @Test
    void readsFromTheJarTheSubclassCameFrom() throws IOException {
        URL jar = jar("beside.jar", Map.of("com/acme/Base.class", BESIDE), null);
        try (URLClassLoader loader = loader(Map.of("com/acme/Base.class", ELSEWHERE))) {
            NeighbourClassFiles.Found found = files.read(loader, "com/acme/Base", jar);

            assertThat(found.bytes()).isEqualTo(BESIDE);
            assertThat(found.location()).isEqualTo(jar);
        }
    }

    @Test
    void readsFromTheFolderTheSubclassCameFrom() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("classes/com/acme"))
                .getParent()
                .getParent();
        Files.write(folder.resolve("com/acme/Base.class"), BESIDE);
        URL location = folder.toUri().toURL();
        try (URLClassLoader loader = loader(Map.of())) {
            NeighbourClassFiles.Found found = files.read(loader, "com/acme/Base", location);

            assertThat(found.bytes()).isEqualTo(BESIDE);
            assertThat(found.location()).isEqualTo(location);
        }
    }

    @Test
    void asksTheLoaderForWhatIsNotBeside() throws IOException {
        URL jar = jar("beside.jar", Map.of("com/acme/Other.class", BESIDE), null);
        try (URLClassLoader loader = loader(Map.of("com/acme/Base.class", ELSEWHERE))) {
            NeighbourClassFiles.Found found = files.read(loader, "com/acme/Base", jar);

            assertThat(found.bytes()).isEqualTo(ELSEWHERE);
            assertThat(found.location()).isNull();
            assertThat(files.read(loader, "com/acme/Missing", jar)).isNull();
            assertThat(files.read(loader, "com/acme/Base", null).bytes()).isEqualTo(ELSEWHERE);
        }
    }

    @Test
    void asksTheLoaderWhenTheLocationCannotBeRead() throws IOException {
        URL missing = dir.resolve("no-such.jar").toUri().toURL();
        URL remote = URI.create("http://127.0.0.1:9/lib.jar").toURL();
        try (URLClassLoader loader = loader(Map.of("com/acme/Base.class", ELSEWHERE))) {
            assertThat(files.read(loader, "com/acme/Base", missing).bytes()).isEqualTo(ELSEWHERE);
            assertThat(files.read(loader, "com/acme/Base", remote).bytes()).isEqualTo(ELSEWHERE);
        }
    }

    @Test
    void readsAMultiReleaseJarAtThisJvmsVersion() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
        URL jar = jar(
                "multi-release.jar",
                Map.of(
                        "com/acme/Base.class",
                        ELSEWHERE,
                        "META-INF/versions/" + Runtime.version().feature() + "/com/acme/Base.class",
                        BESIDE),
                manifest);
        try (URLClassLoader loader = loader(Map.of())) {
            assertThat(files.read(loader, "com/acme/Base", jar).bytes()).isEqualTo(BESIDE);
        }
    }

    private URL jar(String name, Map<String, byte[]> entries, Manifest manifest) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream zip =
                        manifest == null ? new JarOutputStream(out) : new JarOutputStream(out, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new JarEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return jar.toUri().toURL();
    }

    /** A loader that finds {@code entries} as its resources, and nothing of this test's class path. */
    private URLClassLoader loader(Map<String, byte[]> entries) throws IOException {
        return new URLClassLoader(new URL[] {jar("loader-" + entries.size() + ".jar", entries, null)}, null);
    }
}
