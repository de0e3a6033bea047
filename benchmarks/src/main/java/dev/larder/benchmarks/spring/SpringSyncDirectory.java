package dev.larder.benchmarks.spring;

import dev.larder.benchmarks.Lookup;
import dev.larder.benchmarks.Source;
import dev.larder.benchmarks.User;
import org.springframework.cache.annotation.Cacheable;

/** {@link SpringDirectory} with {@code sync = true}: Spring's opt-in protection against a stampede. */
public class SpringSyncDirectory implements Lookup {
    private final Source source;

    public SpringSyncDirectory(Source source) {
        this.source = source;
    }

    @Override
    @Cacheable(cacheNames = "sync.byId", key = "#id", sync = true)
    public String byId(int id) {
        return source.load(id, "id");
    }

    @Override
    @Cacheable(cacheNames = "sync.byIdAndTenant", key = "#id + ':' + #tenant", sync = true)
    public String byIdAndTenant(int id, String tenant) {
        return source.load(id, tenant);
    }

    @Override
    @Cacheable(cacheNames = "sync.byUser", key = "#user.id", sync = true)
    public String byUser(User user) {
        return source.load(user.getId(), "user");
    }
}
