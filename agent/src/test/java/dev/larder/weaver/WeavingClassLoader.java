package dev.larder.weaver;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A child-first class loader that weaves the classes of one package with a {@link LarderWeaver} as it defines them,
 * as the build plugin would: no instrumentation involved. Everything else comes from the parent.
 */
final class WeavingClassLoader extends ClassLoader {
    private final String prefix;
    private final LarderWeaver weaver;
    final List<String> woven = new ArrayList<>();

    WeavingClassLoader(String prefix, LarderWeaver weaver) {
        super(WeavingClassLoader.class.getClassLoader());
        this.prefix = prefix;
        this.weaver = weaver;
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
            byte[] bytes = in.readAllBytes();
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
