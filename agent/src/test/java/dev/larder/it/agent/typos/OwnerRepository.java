package dev.larder.it.agent.typos;

/** An interface, as a Spring Data repository is: a rule on its method has no body to cache. */
public interface OwnerRepository {
    String findById(int id);
}
