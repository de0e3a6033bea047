package dev.larder.weaver;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A child-first class loader that weaves the classes of one package with a {@link LarderWeaver} as it defines them,
 * as the build plugin would: no instrumentation involved. Everything else comes from the parent.
 */
final class WeavingClassLoader extends ClassLoader {
    private final String prefix;
    private final LarderWeaver weaver;
    private final UnaryOperator<byte[]> rewrite;
    final List<String> woven = new CopyOnWriteArrayList<>();

    WeavingClassLoader(String prefix, LarderWeaver weaver) {
        this(WeavingClassLoader.class.getClassLoader(), prefix, weaver, UnaryOperator.identity());
    }

    /**
     * @param parent where the package's class files are read from, and every other class loaded
     * @param rewrite applied to each class file of the package before it is woven
     */
    WeavingClassLoader(ClassLoader parent, String prefix, LarderWeaver weaver, UnaryOperator<byte[]> rewrite) {
        super(parent);
        this.prefix = prefix;
        this.weaver = weaver;
        this.rewrite = rewrite;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(prefix)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = findClass(name);
            }
            return loaded;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes = rewrite.apply(in.readAllBytes());
            byte[] wovenBytes = weaver.weave(bytes, ClassFiles.of(getParent()));
            if (wovenBytes != null) {
                bytes = wovenBytes;
                woven.add(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException | RuntimeException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
