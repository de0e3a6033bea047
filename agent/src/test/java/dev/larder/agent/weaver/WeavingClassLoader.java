package dev.larder.agent.weaver;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * A child-first class loader that weaves the classes of one package with a {@link LarderWeaver} as it defines them,
 * as the build plugin would: no instrumentation involved. Everything else comes from the parent.
 */
final class WeavingClassLoader extends ClassLoader {
    private final String prefix;
    private final LarderWeaver weaver;
    private final ClassFileLocator locator;
    private final TypePool pool;
    final List<String> woven = new ArrayList<>();

    WeavingClassLoader(String prefix, LarderWeaver weaver) {
        super(WeavingClassLoader.class.getClassLoader());
        this.prefix = prefix;
        this.weaver = weaver;
        this.locator = ClassFileLocator.ForClassLoader.of(getParent());
        this.pool = new TypePool.Default(
                new TypePool.CacheProvider.Simple(), locator, TypePool.Default.ReaderMode.EXTENDED);
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
        try {
            TypeDescription type = pool.describe(name).resolve();
            byte[] bytes;
            if (weaver.matches(type)) {
                bytes = weaver.weave(new ByteBuddy().redefine(type, locator), type)
                        .make()
                        .getBytes();
                woven.add(name);
            } else {
                bytes = locator.locate(name).resolve();
            }
            return defineClass(name, bytes, 0, bytes.length);
        } catch (java.io.IOException | RuntimeException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
