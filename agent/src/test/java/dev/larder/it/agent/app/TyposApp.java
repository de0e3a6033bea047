package dev.larder.it.agent.app;

import dev.larder.it.agent.typos.InMemoryOwners;
import dev.larder.it.agent.typos.OwnerController;
import dev.larder.it.agent.typos.OwnerRepository;
import java.io.IOException;

/**
 * Run in a forked JVM with rules that have typos: calls the one good rule's method twice and prints how often bodies
 * ran. With {@code --wait} it then blocks reading standard input, so that only the agent can end it.
 */
public final class TyposApp {
    private TyposApp() {}

    public static void main(String[] args) throws IOException {
        OwnerController controller = new OwnerController();
        controller.findOwner(7);
        controller.findOwner(7);
        controller.showOwner(7);
        controller.showOwner(7);
        System.out.println("runs " + controller.runs.get());
        OwnerRepository owners = new InMemoryOwners();
        System.out.println("repository " + owners.findById(1));
        if (args.length > 0 && args[0].equals("--wait")) {
            System.out.println("waiting");
            System.out.flush();
            System.in.read();
        }
    }
}
