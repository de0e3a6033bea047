package dev.larder.internal.spi;

import dev.larder.ConfigurationException;
import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.handle.Handles;
import dev.larder.model.CachedSpec;

/**
 * Run by {@link WithoutJedisTest} in a JVM whose class path holds only the runtime, Caffeine and the annotations (no
 * larder-redis, Jedis or Jackson): caches locally, then asks for the Redis backend and for copies of cached values. Prints one line per step.
 */
public final class WithoutJedisMain {
    private WithoutJedisMain() {}

    public static void main(String[] args) {
        CachedHandle handle = Handles.cached(CachedSpec.of("main#square(int)", "squares", "{n}", "1m"));
        int[] loads = {0};
        for (int i = 0; i < 3; i++) {
            Object key = handle.key(7);
            Object value = handle.get(key);
            if (value == CachedHandle.MISS) {
                handle.load(key, () -> {
                    loads[0]++;
                    return 49;
                });
            }
        }
        System.out.println("local loads=" + loads[0]);
        try {
            Larder.configure(
                    LarderConfig.builder().set("larder.backend", "redis").build());
            System.out.println("redis configured");
        } catch (ConfigurationException e) {
            System.out.println("redis refused: " + e.getMessage());
        }
        System.out.println("local still loads=" + loads[0]);
        try {
            Larder.configure(LarderConfig.builder()
                    .set("larder.cache.squares.copy", "true")
                    .build());
            System.out.println("copy configured");
        } catch (ConfigurationException e) {
            System.out.println("copy refused: " + e.getMessage());
        }
    }
}
