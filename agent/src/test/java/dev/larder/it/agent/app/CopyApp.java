package dev.larder.it.agent.app;

import dev.larder.it.agent.owners.Owner;
import dev.larder.it.agent.owners.OwnerForms;

/**
 * Run in a forked JVM with a rules file and {@code larder.cache.forms.copy=true}: fills in the "new owner" form twice,
 * as the application did, and prints what the second caller got. Uses no Larder class itself.
 */
public final class CopyApp {
    private CopyApp() {}

    public static void main(String[] args) {
        OwnerForms forms = new OwnerForms();
        Owner alice = forms.newOwner("new");
        alice.setName("Alice");
        Owner second = forms.newOwner("new");
        System.out.println("copying cache: second form '" + second.getName() + "', same object " + (alice == second)
                + ", runs " + forms.runs.get());
        Owner shared = forms.sharedOwner("new");
        shared.setName("Alice");
        System.out.println(
                "plain cache: second form '" + forms.sharedOwner("new").getName() + "'");
    }
}
