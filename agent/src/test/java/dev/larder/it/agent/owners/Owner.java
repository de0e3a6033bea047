package dev.larder.it.agent.owners;

/** A mutable bean, as web forms bind them: what a caller changes must not change what the cache holds. */
public class Owner {
    private String name = "";

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
