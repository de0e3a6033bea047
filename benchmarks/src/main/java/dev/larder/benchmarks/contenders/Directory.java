package dev.larder.benchmarks.contenders;

import dev.larder.annotation.Cached;
import dev.larder.benchmarks.Lookup;
import dev.larder.benchmarks.Source;
import dev.larder.benchmarks.User;

/** Larder compile-time mode: the annotation processor generates {@code Directory_Cached}, the class callers create. */
public class Directory implements Lookup {
    private final Source source;

    public Directory(Source source) {
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
