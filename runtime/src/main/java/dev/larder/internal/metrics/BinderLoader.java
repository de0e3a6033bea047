package dev.larder.internal.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * Defines {@link MicrometerBinder} under the class loader of an application's Micrometer, when the runtime's own loader
 * does not see it (the agent's runtime, in the bootstrap loader or on the system class path, and Micrometer on the
 * class path, in a nested jar or in a web application): the binder then links against that Micrometer, and against the
 * runtime through the loaders above. Only the binder is defined here; every other name goes to the parent. Its class
 * file is read from the runtime's own jar.
 */
final class BinderLoader extends ClassLoader {
    /** By name: naming the class would load it here, in the runtime's loader, which may not see Micrometer. */
    private static final String BINDER = "dev.larder.internal.metrics.MicrometerBinder";

    static {
        registerAsParallelCapable();
    }

    private BinderLoader(ClassLoader application) {
        super("larder-micrometer", application);
    }

    /** A binder linked against the Micrometer that {@code application} sees, or null if it cannot be defined. */
    static MicrometerSupport.@Nullable Binder binder(ClassLoader application) {
        try {
            Class<?> type = Class.forName(BINDER, true, new BinderLoader(application));
            return (MicrometerSupport.Binder) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | UncheckedIOException | ClassCastException e) {
            // a loader that sees no Micrometer, or another copy of Larder's runtime than this one
            return null;
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.equals(BINDER)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> defined = findLoadedClass(name);
            if (defined == null) {
                byte[] bytes = classFile();
                defined = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) {
                resolveClass(defined);
            }
            return defined;
        }
    }

    private static byte[] classFile() throws ClassNotFoundException {
        String resource = BINDER.substring(BINDER.lastIndexOf('.') + 1) + ".class";
        try (InputStream in = BinderLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ClassNotFoundException(BINDER);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
