package dev.larder.agent;

import dev.larder.weaver.ClassFiles;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * The class files of a class path as {@code check} reads it: folders, jars and executable Spring Boot jars, whose
 * application classes are under {@code BOOT-INF/classes/} and whose libraries are the jars in {@code BOOT-INF/lib/}
 * (copied to a temporary folder to be read, and deleted on {@link #close}). The first entry that has a class wins, as
 * with a class loader. Not thread-safe.
 */
final class ClassPath implements ClassFiles.Source, Closeable {
    private static final String BOOT_CLASSES = "BOOT-INF/classes/";
    private static final String BOOT_LIB = "BOOT-INF/lib/";

    /** Where one class file is. */
    private record Location(
            @Nullable Path file,
            @Nullable ZipFile jar,
            @Nullable String entry,
            boolean library) {}

    private final Map<String, Location> classes = new LinkedHashMap<>();
    private final List<ZipFile> open = new ArrayList<>();
    private final List<Path> temporary = new ArrayList<>();

    private ClassPath() {}

    /** Indexes every class of {@code entries}; a missing entry is an error. */
    static ClassPath of(List<Path> entries) throws IOException {
        ClassPath path = new ClassPath();
        try {
            for (Path entry : entries) {
                if (Files.isDirectory(entry)) {
                    path.folder(entry);
                } else if (Files.isRegularFile(entry)) {
                    path.jar(entry, false);
                } else {
                    throw new IOException("no such file or folder: " + entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            path.close();
            throw e;
        }
        return path;
    }

    private void folder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('\\', '/');
                add(name.substring(0, name.length() - ".class".length()), new Location(file, null, null, false));
            }
        }
    }

    private void jar(Path file, boolean library) throws IOException {
        ZipFile jar = new ZipFile(file.toFile());
        open.add(jar);
        boolean boot = false;
        for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements() && !boot; ) {
            boot = entries.nextElement().getName().startsWith("BOOT-INF/");
        }
        List<ZipEntry> nested = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
            ZipEntry entry = entries.nextElement();
            String name = entry.getName();
            if (boot && name.startsWith(BOOT_LIB) && name.endsWith(".jar")) {
                nested.add(entry);
            } else if (name.endsWith(".class") && !name.startsWith("META-INF/")) {
                if (boot && !name.startsWith(BOOT_CLASSES)) {
                    continue; // the Spring Boot launcher's own classes
                }
                String path = boot ? name.substring(BOOT_CLASSES.length()) : name;
                add(path.substring(0, path.length() - ".class".length()), new Location(null, jar, name, library));
            }
        }
        for (ZipEntry entry : nested) {
            Path copy = Files.createTempFile("larder-check-", ".jar");
            temporary.add(copy);
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            jar(copy, true);
        }
    }

    private void add(String internalName, Location location) {
        if (!internalName.endsWith("module-info") && !internalName.endsWith("package-info")) {
            classes.putIfAbsent(internalName, location);
        }
    }

    /** Every class, by internal name, in class path order. */
    List<String> names() {
        return List.copyOf(classes.keySet());
    }

    /** Whether the class comes from a library jar of a Spring Boot jar rather than from the application. */
    boolean isLibrary(String internalName) {
        Location location = classes.get(internalName);
        return location != null && location.library();
    }

    @Override
    public byte @Nullable [] read(String internalName) throws IOException {
        Location location = classes.get(internalName);
        if (location == null) {
            return null;
        }
        if (location.file() != null) {
            return Files.readAllBytes(location.file());
        }
        try (InputStream in = location.jar().getInputStream(location.jar().getEntry(location.entry()))) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() throws IOException {
        for (ZipFile jar : open) {
            jar.close();
        }
        for (Path file : temporary) {
            Files.deleteIfExists(file);
        }
    }
}
