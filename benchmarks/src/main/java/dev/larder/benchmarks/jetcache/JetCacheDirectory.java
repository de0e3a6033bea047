package dev.larder.benchmarks.jetcache;

import com.alicp.jetcache.anno.CacheType;
import com.alicp.jetcache.anno.Cached;
import dev.larder.benchmarks.Lookup;
import dev.larder.benchmarks.Source;
import dev.larder.benchmarks.User;

/** JetCache's {@code @Cached} on its local (Caffeine) cache, keyed by SpEL expressions equivalent to Larder's. */
public class JetCacheDirectory implements Lookup {
    private final Source source;

    public JetCacheDirectory(Source source) {
        this.source = source;
    }

    @Override
    @Cached(name = "byId", key = "#id", expire = 600, cacheType = CacheType.LOCAL, localLimit = 10_000)
    public String byId(int id) {
        return source.load(id, "id");
    }

    @Override
    @Cached(
            name = "byIdAndTenant",
            key = "#id + ':' + #tenant",
            expire = 600,
            cacheType = CacheType.LOCAL,
            localLimit = 10_000)
    public String byIdAndTenant(int id, String tenant) {
        return source.load(id, tenant);
    }

    @Override
    @Cached(name = "byUser", key = "#user.id", expire = 600, cacheType = CacheType.LOCAL, localLimit = 10_000)
    public String byUser(User user) {
        return source.load(user.getId(), "user");
    }
}
