package dev.larder.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A registry given from a web application's loader, with its own Micrometer, does not keep that loader once the
 * application goes: Larder holds registries and the binders it defined for them weakly.
 */
class RegistryLifetimeTest {
    /** A web application's loader: its own Micrometer first, Larder's runtime from above. */
    private static final class ApplicationLoader extends URLClassLoader {
        ApplicationLoader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("io.micrometer.")
                    && !name.startsWith("org.HdrHistogram.")
                    && !name.startsWith("org.LatencyUtils.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }

    @Test
    void anApplicationThatGoesTakesItsRegistryAndMicrometerWithIt() throws Exception {
        WeakReference<ClassLoader> gone = deployBindAndUndeploy();
        for (int i = 0; i < 10 && gone.get() != null; i++) {
            System.gc();
        }
        assertThat(gone.get()).as("the application's loader after it went").isNull();
    }

    private static WeakReference<ClassLoader> deployBindAndUndeploy() throws Exception {
        try (ApplicationLoader application =
                new ApplicationLoader(micrometerJars(), RegistryLifetimeTest.class.getClassLoader())) {
            Object registry = application
                    .loadClass("io.micrometer.core.instrument.simple.SimpleMeterRegistry")
                    .getConstructor()
                    .newInstance();
            assertThat(registry.getClass().getClassLoader()).isSameAs(application);
            MicrometerSupport.bindTo(registry);
            MicrometerSupport.created(new CacheCounters("lifetime-" + System.nanoTime()), false);
            return new WeakReference<>(application);
        }
    }

    private static URL[] micrometerJars() throws Exception {
        List<URL> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String path = entry.replace('\\', '/');
            if (path.endsWith(".jar")
                    && (path.contains("/io/micrometer/micrometer-core/")
                            || path.contains("/io/micrometer/micrometer-commons/")
                            || path.contains("/io/micrometer/micrometer-observation/")
                            || path.contains("/HdrHistogram/")
                            || path.contains("/LatencyUtils/"))) {
                jars.add(new File(entry).toURI().toURL());
            }
        }
        assertThat(jars).as("Micrometer on the test class path").isNotEmpty();
        return jars.toArray(new URL[0]);
    }
}
