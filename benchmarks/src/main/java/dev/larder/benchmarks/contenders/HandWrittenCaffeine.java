package dev.larder.benchmarks.contenders;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.larder.benchmarks.Lookup;
import dev.larder.benchmarks.Source;
import dev.larder.benchmarks.User;
import java.time.Duration;
import java.util.function.Function;

/**
 * The baseline: what a careful developer writes by hand with Caffeine. {@code cache.get(key, loader)} with the loaders
 * created once (a capturing lambda per call would allocate), and a small record as the two-parameter key.
 */
public final class HandWrittenCaffeine implements Lookup {
    private record IdAndTenant(int id, String tenant) {}

    private final Cache<Integer, String> byId;
    private final Cache<IdAndTenant, String> byIdAndTenant;
    private final Cache<Integer, String> byUser;
    private final Function<Integer, String> loadById;
    private final Function<IdAndTenant, String> loadByIdAndTenant;
    private final Function<Integer, String> loadByUser;

    /** @param expiring whether entries expire 10 minutes after they are written, as Larder's do */
    public HandWrittenCaffeine(Source source, boolean expiring) {
        byId = newCache(expiring);
        byIdAndTenant = newCache(expiring);
        byUser = newCache(expiring);
        loadById = id -> source.load(id, "id");
        loadByIdAndTenant = key -> source.load(key.id(), key.tenant());
        loadByUser = id -> source.load(id, "user");
    }

    private static <K> Cache<K, String> newCache(boolean expiring) {
        Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(10_000);
        if (expiring) {
            builder.expireAfterWrite(Duration.ofMinutes(10));
        }
        return builder.build();
    }

    @Override
    public String byId(int id) {
        return byId.get(id, loadById);
    }

    @Override
    public String byIdAndTenant(int id, String tenant) {
        return byIdAndTenant.get(new IdAndTenant(id, tenant), loadByIdAndTenant);
    }

    @Override
    public String byUser(User user) {
        return byUser.get(user.getId(), loadByUser);
    }
}
