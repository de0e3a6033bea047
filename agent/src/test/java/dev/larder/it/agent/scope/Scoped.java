package dev.larder.it.agent.scope;

/** A superclass in another package, with a protected getter its subclasses inherit and a private field they do not. */
public abstract class Scoped {
    private final String hidden = "never in a key";

    protected String getScope() {
        return "shop";
    }

    @Override
    public String toString() {
        return hidden;
    }
}
