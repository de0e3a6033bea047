package dev.larder.benchmarks.contenders;

import dev.larder.annotation.Cached;
import dev.larder.benchmarks.Lookup;
import dev.larder.benchmarks.Source;
import dev.larder.benchmarks.User;

/**
 * Larder build-time mode: the same methods as {@link Directory}, rewritten in place by {@code larder-maven-plugin} when
 * this module builds, so callers create the class itself. A copy rather than {@link Directory} itself, whose generated
 * subclass would otherwise be cached twice.
 */
public class WovenDirectory implements Lookup {
    private final Source source;

    public WovenDirectory(Source source) {
        this.source = source;
    }

    @Override
    @Cached(ttl = "10m")
    public String byId(int id) {
        return source.load(id, "id");
    }

    @Override
    @Cached(ttl = "10m")
    public String byIdAndTenant(int id, String tenant) {
        return source.load(id, tenant);
    }

    @Override
    @Cached(key = "{user.id}", ttl = "10m")
    public String byUser(User user) {
        return source.load(user.getId(), "user");
    }
}
