package dev.larder.weaver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds and describes the class files of supertypes and parameter types, as the class loader that loads the woven
 * class would find them, without loading any class. Remembers what it read; one instance per woven class, or per
 * folder when weaving at build time. Not thread-safe.
 */
public final class ClassFiles {
    /** Where class files come from. */
    @FunctionalInterface
    public interface Source {
        /** The class file of {@code internalName} ({@code com/acme/Catalog}), or null if there is none. */
        byte @Nullable [] read(String internalName) throws IOException;
    }

    private final Source source;
    private final Map<String, Optional<ClassInfo>> described = new HashMap<>();

    public ClassFiles(Source source) {
        this.source = source;
    }

    /** Class files as {@code loader} finds its resources; the system class loader's when {@code loader} is null. */
    public static ClassFiles of(@Nullable ClassLoader loader) {
        return new ClassFiles(resources(loader));
    }

    /** The class files {@code loader} finds as resources; the system class loader's when {@code loader} is null. */
    public static Source resources(@Nullable ClassLoader loader) {
        return new LoaderSource(loader);
    }

    /** A class loader's resources. */
    private static final class LoaderSource implements Source {
        private final @Nullable ClassLoader loader;

        LoaderSource(@Nullable ClassLoader loader) {
            this.loader = loader;
        }

        @Override
        public byte @Nullable [] read(String internalName) throws IOException {
            String resource = internalName + ".class";
            try (InputStream in = loader == null
                    ? ClassLoader.getSystemResourceAsStream(resource)
                    : loader.getResourceAsStream(resource)) {
                return in == null ? null : in.readAllBytes();
            }
        }
    }

    /** The class, or empty when its class file cannot be found or read. */
    Optional<ClassInfo> find(String internalName) {
        Optional<ClassInfo> info = described.get(internalName);
        if (info == null) {
            info = read(internalName);
            described.put(internalName, info);
        }
        return info;
    }

    /** Describes {@code classFile} as the class it defines, instead of what the source would find. */
    ClassInfo describe(byte[] classFile) {
        ClassInfo info = ClassInfoReader.read(classFile);
        described.put(info.internalName(), Optional.of(info));
        return info;
    }

    private Optional<ClassInfo> read(String internalName) {
        try {
            byte[] bytes = source.read(internalName);
            return bytes == null ? Optional.empty() : Optional.of(ClassInfoReader.read(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the class file of " + internalName.replace('/', '.'), e);
        } catch (RuntimeException e) { // not a class file ASM can read: treat as absent
            return Optional.empty();
        }
    }
}
