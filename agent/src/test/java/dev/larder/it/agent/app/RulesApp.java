package dev.larder.it.agent.app;

import dev.larder.it.agent.plain.PriceClient;

/** Run in a forked JVM with a rules file: prints how often each body ran. Uses no Larder class itself. */
public final class RulesApp {
    private RulesApp() {}

    public static void main(String[] args) {
        PriceClient client = new PriceClient();
        client.quote("A");
        client.quote("A");
        System.out.println("quote runs " + client.runs.get());
        client.quote("A", 2);
        client.quote("A", 2);
        System.out.println("overload runs " + client.runs.get());
        client.update("A");
        System.out.println("after update " + client.quote("A") + " runs " + client.runs.get());
        client.broken("x");
        client.broken("x");
        System.out.println("broken runs " + client.runs.get());
    }
}
