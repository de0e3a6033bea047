package dev.larder.it.agent.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * Run in a forked JVM with Larder's runtime on its class path: loads a class of it, prints its PID, waits for a line
 * on standard input (an agent is attached meanwhile), and prints which loaders define that class and one of its
 * package that it loads only then.
 */
public final class RuntimeApp {
    private RuntimeApp() {}

    public static void main(String[] args) throws Exception {
        Class<?> before = Class.forName("dev.larder.internal.spi.RedisModule");
        System.out.println("PID " + ManagementFactory.getRuntimeMXBean().getPid());
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        Class<?> after = Class.forName("dev.larder.internal.spi.RedisProvider");
        System.out.println("before " + name(before.getClassLoader()) + " after " + name(after.getClassLoader()));
    }

    private static String name(ClassLoader loader) {
        return loader == null
                ? "bootstrap"
                : loader == ClassLoader.getSystemClassLoader() ? "system" : loader.toString();
    }
}
