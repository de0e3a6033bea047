package dev.larder.benchmarks;

/** The argument of the property-path shape: a plain bean, so every library reads {@code id} through {@code getId()}. */
public final class User {
    private final int id;
    private final String name;

    public User(int id, String name) {
        this.id = id;
        this.name = name;
    }

    public int getId() {
        return id;
    }

    public String getName() {
        return name;
    }
}
