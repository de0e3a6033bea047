package dev.larder.it.launcher;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Starts an application from a jar that is not on the class path, through a child {@link URLClassLoader}, as
 * nested-jar launchers do. Arguments: the jar, the main class, the application's arguments.
 */
public final class NestedLauncher {
    private NestedLauncher() {}

    public static void main(String[] args) throws Exception {
        URL jar = Path.of(args[0]).toUri().toURL();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar}, ClassLoader.getSystemClassLoader())) {
            Class<?> main = loader.loadClass(args[1]);
            System.out.println("LOADER " + (main.getClassLoader() == loader ? "child" : "other"));
            Method method = main.getMethod("main", String[].class);
            method.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        }
    }
}
