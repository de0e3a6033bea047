package dev.larder.agent.forked;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * Assembles an executable Spring Boot jar as Spring Boot's repackaging does: the application's classes under {@code
 * BOOT-INF/classes/}, libraries as stored jars under {@code BOOT-INF/lib/}, and Spring Boot's launcher (resolved by
 * Maven) at the root.
 */
final class FatJar {
    private FatJar() {}

    /**
     * @param startClass the application's main class
     * @param testClasses the application's classes: paths of test class files, relative to {@link Forked#TEST_CLASSES}
     * @param libraries jars to put under {@code BOOT-INF/lib/}
     */
    static Path build(Path jarFile, String startClass, List<String> testClasses, List<Path> libraries)
            throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
        main.putValue("Start-Class", startClass);
        main.putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
        main.putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(jarFile), manifest)) {
            copyLoader(jar);
            for (String testClass : testClasses) {
                add(jar, "BOOT-INF/classes/" + testClass, testClass);
            }
            for (Path library : libraries) {
                stored(jar, "BOOT-INF/lib/" + library.getFileName(), Files.readAllBytes(library));
            }
        }
        return jarFile;
    }

    /** Adds a test class file as {@code entry}. */
    static void add(JarOutputStream jar, String entry, String testClass) throws IOException {
        folders(jar, entry);
        jar.putNextEntry(new JarEntry(entry));
        Files.copy(Forked.TEST_CLASSES.resolve(testClass), jar);
        jar.closeEntry();
    }

    /** Spring Boot's launcher finds BOOT-INF/classes through its folder entries, as a repackaged jar has them. */
    private static void folders(JarOutputStream jar, String entry) throws IOException {
        for (int slash = entry.indexOf('/'); slash >= 0; slash = entry.indexOf('/', slash + 1)) {
            try {
                jar.putNextEntry(new JarEntry(entry.substring(0, slash + 1)));
                jar.closeEntry();
            } catch (java.util.zip.ZipException duplicate) {
                // written for an earlier entry
            }
        }
    }

    /** Nested jars are stored, not deflated: Spring Boot's launcher reads them in place. */
    private static void stored(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        folders(jar, name);
        JarEntry entry = new JarEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        jar.putNextEntry(entry);
        jar.write(bytes);
        jar.closeEntry();
    }

    private static void copyLoader(JarOutputStream out) throws IOException {
        Path loader;
        try {
            loader = Path.of(org.springframework.boot.loader.launch.JarLauncher.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        try (JarFile jar = new JarFile(loader.toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().equals("META-INF/") || entry.getName().equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream in = jar.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}
