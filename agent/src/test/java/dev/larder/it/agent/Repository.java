package dev.larder.it.agent;

import dev.larder.it.agent.scope.Scoped;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One implementation serving many repositories, as Spring Data's {@code SimpleJpaRepository} does: the instances are
 * told apart only by what the class keeps to itself (a protected getter, a private field), which a rules line caches
 * by.
 */
public class Repository<T> extends Scoped {
    public final AtomicInteger runs = new AtomicInteger();
    private final Class<T> domainClass;
    private final String tenant;

    public Repository(Class<T> domainClass, String tenant) {
        this.domainClass = domainClass;
        this.tenant = tenant;
    }

    protected Class<T> getDomainClass() {
        return domainClass;
    }

    public List<String> findAll() {
        runs.incrementAndGet();
        return List.of(domainClass.getSimpleName(), tenant);
    }
}
