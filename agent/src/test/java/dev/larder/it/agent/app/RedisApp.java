package dev.larder.it.agent.app;

import dev.larder.internal.spi.RedisModule;
import dev.larder.it.agent.plain.PriceClient;
import java.util.Arrays;

/**
 * Run in a forked JVM with the agent, a rules file and a Redis backend: prints what the cached methods gave and how
 * often their bodies ran, and whether the application itself can see a Jackson (it has none; the agent's own is
 * relocated out of its sight), and which class loaders defined the runtime and the larder-redis it uses.
 */
public final class RedisApp {
    private RedisApp() {}

    public static void main(String[] args) throws ClassNotFoundException {
        PriceClient client = new PriceClient();
        String first = client.quote("A");
        String second = client.quote("A");
        System.out.println("quote " + first + " " + second + " runs " + client.runs.get());
        client.listing("A");
        System.out.println("listing " + client.listing("A") + " runs " + client.runs.get());
        client.symbols("X");
        System.out.println("symbols " + Arrays.toString(client.symbols("X")) + " runs " + client.runs.get());
        boolean jackson;
        try {
            Class.forName("com.fasterxml.jackson.databind.ObjectMapper");
            jackson = true;
        } catch (ClassNotFoundException e) {
            jackson = false;
        }
        System.out.println("application sees Jackson: " + jackson);
        ClassLoader runtime = client.getClass()
                .getClassLoader()
                .loadClass("dev.larder.internal.handle.Handles")
                .getClassLoader();
        ClassLoader redis =
                RedisModule.require("backend", "tiered", "", "").getClass().getClassLoader();
        System.out.println(
                "larder-redis loader: " + (redis == ClassLoader.getSystemClassLoader() ? "system" : redis.getName()));
        System.out.println("runtime loader: "
                + (runtime == null ? "bootstrap" : runtime == ClassLoader.getSystemClassLoader() ? "system" : runtime));
    }
}
