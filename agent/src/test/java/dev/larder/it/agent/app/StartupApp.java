package dev.larder.it.agent.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A start-up cost probe: loads and initialises every class listed in a file, calling {@code value(String)} on each,
 * as an application's start-up would. Run with and without the agent to compare start times.
 */
public final class StartupApp {
    private StartupApp() {}

    public static void main(String[] args) throws Exception {
        List<String> names = Files.readAllLines(Path.of(args[0]));
        int hits = 0;
        for (String name : names) {
            Class<?> type = Class.forName(name);
            Object instance = type.getDeclaredConstructor().newInstance();
            Object value = type.getMethod("value", String.class).invoke(instance, "k");
            hits += value == null ? 0 : 1;
        }
        System.out.println("LOADED " + hits);
    }
}
