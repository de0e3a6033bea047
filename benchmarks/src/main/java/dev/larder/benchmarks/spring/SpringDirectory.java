package dev.larder.benchmarks.spring;

import dev.larder.benchmarks.Lookup;
import dev.larder.benchmarks.Source;
import dev.larder.benchmarks.User;
import org.springframework.cache.annotation.Cacheable;

/** Spring's {@code @Cacheable}, keyed by SpEL expressions equivalent to Larder's key templates. */
public class SpringDirectory implements Lookup {
    private final Source source;

    public SpringDirectory(Source source) {
        this.source = source;
    }

    @Override
    @Cacheable(cacheNames = "byId", key = "#id")
    public String byId(int id) {
        return source.load(id, "id");
    }

    @Override
    @Cacheable(cacheNames = "byIdAndTenant", key = "#id + ':' + #tenant")
    public String byIdAndTenant(int id, String tenant) {
        return source.load(id, tenant);
    }

    @Override
    @Cacheable(cacheNames = "byUser", key = "#user.id")
    public String byUser(User user) {
        return source.load(user.getId(), "user");
    }
}
