package dev.larder.benchmarks.jetcache;

import com.alicp.jetcache.anno.CachePenetrationProtect;
import com.alicp.jetcache.anno.CacheType;
import com.alicp.jetcache.anno.Cached;
import dev.larder.benchmarks.Lookup;
import dev.larder.benchmarks.Source;
import dev.larder.benchmarks.User;

/** {@link JetCacheDirectory} with {@code @CachePenetrationProtect}: JetCache's opt-in protection against a stampede. */
public class JetCacheProtectedDirectory implements Lookup {
    private final Source source;

    public JetCacheProtectedDirectory(Source source) {
        this.source = source;
    }

    @Override
    @CachePenetrationProtect
    @Cached(name = "protected.byId", key = "#id", expire = 600, cacheType = CacheType.LOCAL, localLimit = 10_000)
    public String byId(int id) {
        return source.load(id, "id");
    }

    @Override
    @CachePenetrationProtect
    @Cached(
            name = "protected.byIdAndTenant",
            key = "#id + ':' + #tenant",
            expire = 600,
            cacheType = CacheType.LOCAL,
            localLimit = 10_000)
    public String byIdAndTenant(int id, String tenant) {
        return source.load(id, tenant);
    }

    @Override
    @CachePenetrationProtect
    @Cached(name = "protected.byUser", key = "#user.id", expire = 600, cacheType = CacheType.LOCAL, localLimit = 10_000)
    public String byUser(User user) {
        return source.load(user.getId(), "user");
    }
}
