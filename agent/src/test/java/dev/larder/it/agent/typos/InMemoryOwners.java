package dev.larder.it.agent.typos;

/** The one implementation of {@link OwnerRepository}. */
public final class InMemoryOwners implements OwnerRepository {
    @Override
    public String findById(int id) {
        return "owner " + id;
    }
}
