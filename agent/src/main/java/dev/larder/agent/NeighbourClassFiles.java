package dev.larder.agent;

import dev.larder.weaver.ClassFiles;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * The class files of one class loader's supertypes, for the pre-filter: read from the jar or folder the subclass came
 * from when they are there, else as the loader's resources.
 *
 * <p>Why: a supertype nearly always sits beside its subclass, and a jar the loader already opened is read again
 * cheaply (the JDK shares an open zip file's directory), while a resource look-up builds a URL and opens a connection
 * for every class file: while an application starts, that was most of the pre-filter's time. The one difference: if a
 * class is on the class path twice and the loader finds the other copy first, this reads the copy beside the subclass.
 * The weaver, which confirms every "yes", always reads through the loader.
 *
 * <p>Holds no reference to its loader, so that it can be kept in a map weakly keyed by the loader: the jars it opened
 * stay open as long as the loader is reachable and are closed with it. Thread-safe.
 */
final class NeighbourClassFiles {
    /** A jar or folder a class came from. */
    private interface Place {
        byte @Nullable [] read(String resource) throws IOException;

        /** Releases what it holds open; only for a place that was never shared. */
        default void close() {}
    }

    private static final Place NOWHERE = new Nowhere();

    /** By the path of a {@code file:} code source location. */
    private final ConcurrentMap<String, Place> places = new ConcurrentHashMap<>();

    /**
     * The class file of {@code internalName} as {@code loader} would find it, looked for first beside a class loaded
     * from {@code location}. Always the same loader: the jars kept open are the ones its classes came from.
     *
     * @param location the code source location of the class whose supertype this is, or null if unknown
     * @return the class file and where it was found, or null if there is none or it cannot be read
     */
    @Nullable
    Found read(ClassLoader loader, String internalName, @Nullable URL location) {
        String resource = internalName + ".class";
        if (location != null) {
            try {
                byte[] bytes = place(location).read(resource);
                if (bytes != null) {
                    return new Found(bytes, location);
                }
            } catch (IOException | RuntimeException e) {
                // ask the loader
            }
        }
        try {
            byte[] bytes = ClassFiles.resources(loader).read(internalName);
            return bytes == null ? null : new Found(bytes, null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A class file and the location it was read from.
     *
     * @param location the code source location it came from, or null when the loader found it somewhere else
     */
    record Found(byte[] bytes, @Nullable URL location) {}

    private Place place(URL location) {
        if (!"file".equals(location.getProtocol())) {
            return NOWHERE; // nested jars and the like: their loader's look-up is the only sure way
        }
        String key = location.getPath();
        Place place = places.get(key);
        if (place == null) { // not computeIfAbsent: see package-info
            place = open(location);
            Place raced = places.putIfAbsent(key, place);
            if (raced != null) {
                place.close(); // another thread opened it first
                place = raced;
            }
        }
        return place;
    }

    private static Place open(URL location) {
        try {
            File file = new File(location.toURI());
            if (file.isDirectory()) {
                return new Folder(file.toPath());
            }
            if (file.isFile()) {
                // Without verification, and at this JVM's version, as the loader reads a multi-release jar.
                return new Jar(new JarFile(file, false, ZipFile.OPEN_READ, Runtime.version()));
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // unreadable: leave it to the loader
        }
        return NOWHERE;
    }

    private static final class Nowhere implements Place {
        @Override
        public byte @Nullable [] read(String resource) {
            return null;
        }
    }

    private static final class Jar implements Place {
        private final JarFile jar;

        Jar(JarFile jar) {
            this.jar = jar;
        }

        @Override
        public void close() {
            try {
                jar.close();
            } catch (IOException e) {
                // nothing was read from it
            }
        }

        @Override
        public byte @Nullable [] read(String resource) throws IOException {
            JarEntry entry = jar.getJarEntry(resource);
            if (entry == null) {
                return null;
            }
            try (InputStream in = jar.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }

    private static final class Folder implements Place {
        private final Path folder;

        Folder(Path folder) {
            this.folder = folder;
        }

        @Override
        public byte @Nullable [] read(String resource) throws IOException {
            try {
                return Files.readAllBytes(folder.resolve(resource));
            } catch (NoSuchFileException e) {
                return null;
            }
        }
    }
}
