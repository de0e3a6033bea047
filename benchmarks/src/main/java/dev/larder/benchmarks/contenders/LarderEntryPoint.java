package dev.larder.benchmarks.contenders;

import dev.larder.benchmarks.Lookup;
import dev.larder.benchmarks.Source;
import dev.larder.benchmarks.User;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.model.CachedSpec;

/**
 * Larder's runtime entry point called by hand, exactly as generated and woven code call it: the floor under every mode.
 */
public final class LarderEntryPoint implements Lookup {
    private static final String SITE = "dev.larder.benchmarks.contenders.LarderEntryPoint#";

    private final Source source;
    private final CachedHandle byId = handle("byId(int)", "{id}");
    private final CachedHandle byIdAndTenant = handle("byIdAndTenant(int,String)", "{id}:{tenant}");
    private final CachedHandle byUser = handle("byUser(User)", "{user.id}");

    public LarderEntryPoint(Source source) {
        this.source = source;
    }

    private static CachedHandle handle(String method, String key) {
        String name = method.substring(0, method.indexOf('('));
        return Handles.cached(CachedSpec.of(SITE + method, "LarderEntryPoint." + name, key, "10m"));
    }

    @Override
    public String byId(int id) {
        Object key = byId.key(id);
        Object value = byId.get(key);
        if (value == CachedHandle.MISS) {
            value = byId.load(key, () -> source.load(id, "id"));
        }
        return (String) value;
    }

    @Override
    public String byIdAndTenant(int id, String tenant) {
        Object key = byIdAndTenant.key(id, tenant);
        Object value = byIdAndTenant.get(key);
        if (value == CachedHandle.MISS) {
            value = byIdAndTenant.load(key, () -> source.load(id, tenant));
        }
        return (String) value;
    }

    @Override
    public String byUser(User user) {
        Object key = byUser.key(user.getId());
        Object value = byUser.get(key);
        if (value == CachedHandle.MISS) {
            value = byUser.load(key, () -> source.load(user.getId(), "user"));
        }
        return (String) value;
    }
}
