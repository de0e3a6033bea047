package dev.larder.internal.handle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.LogCapture;
import dev.larder.internal.redis.RedisServerProcess;
import dev.larder.model.CachedSpec;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Return types that Redis cannot give back as they were returned (Object, raw generics, application interfaces and
 * abstract classes without name-based type ids) are refused for Redis loudly, once per method, and cached locally.
 */
class RemoteReturnTypesTest {
    public interface Animal {}

    public abstract static class Vehicle {}

    public record Dog(String name) implements Animal {}

    public static class Zoo {
        public Object anything(int id) {
            return new Dog("a" + id);
        }

        @SuppressWarnings("rawtypes")
        public List raw(int id) {
            return List.of(new Dog("r" + id));
        }

        public Animal animal(int id) {
            return new Dog("i" + id);
        }

        public List<Animal> animals(int id) {
            return List.of(new Dog("l" + id));
        }

        public Vehicle vehicle(int id) {
            return null;
        }

        public Dog dog(int id) {
            return new Dog("d" + id);
        }
    }

    private static final String ZOO = Zoo.class.getName();
    private static RedisServerProcess server;

    @BeforeAll
    static void startRedis() {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        Larder.configure(LarderConfig.defaults());
        server.close();
    }

    private static void configure(String backend, String namespace) {
        Larder.configure(LarderConfig.builder()
                .set("larder.backend", backend)
                .set("larder.namespace", namespace)
                .set("larder.redis.uri", server.uri())
                .set("larder.metrics", "none")
                .build());
    }

    @Test
    void openReturnTypesAreRefusedForRedisOnceAndCachedLocally() {
        List<String> methods = List.of("anything", "raw", "animal", "animals", "vehicle");
        List<String> warnings;
        AtomicInteger loads = new AtomicInteger();
        try (LogCapture log = LogCapture.of("dev.larder")) {
            configure("redis", "types-open");
            List<CachedHandle> handles = methods.stream()
                    .map(m -> Handles.cached(
                            CachedSpec.of(ZOO + "#" + m + "(int)", "zoo-" + m, "{id}", "10m"), Zoo.class))
                    .toList();
            for (CachedHandle handle : handles) {
                for (int call = 0; call < 2; call++) {
                    Object key = handle.key(7);
                    if (handle.get(key) == CachedHandle.MISS) {
                        handle.load(key, () -> {
                            loads.incrementAndGet();
                            return new Dog("x");
                        });
                    }
                }
            }
            configure("tiered", "types-open"); // bound again: no second warning
            warnings = log.warnings();
        }

        assertThat(loads)
                .as("each method loaded once, then served from its local cache")
                .hasValue(methods.size());
        try (RedisClient redis = RedisClient.create("127.0.0.1", server.port())) {
            assertThat(values(redis, "types-open*"))
                    .as("nothing stored in Redis")
                    .isEmpty();
        }
        assertThat(warnings).hasSize(methods.size());
        for (String method : methods) {
            assertThat(warnings)
                    .filteredOn(line -> line.startsWith(ZOO + "#" + method + "(int):"))
                    .singleElement()
                    .satisfies(line -> assertThat(line)
                            .contains("cached locally only")
                            .contains("Declare a concrete return type")
                            .contains("larder.cache.zoo-" + method + ".backend=local"));
        }
        assertThat(warnings).anySatisfy(line -> assertThat(line).contains("java.lang.Object"));
        assertThat(warnings).anySatisfy(line -> assertThat(line).contains("raw type java.util.List"));
        assertThat(warnings).anySatisfy(line -> assertThat(line).contains(Animal.class.getName() + " is an interface"));
        assertThat(warnings)
                .anySatisfy(line -> assertThat(line).contains(Vehicle.class.getName() + " is an abstract class"));
    }

    @Test
    void concreteReturnTypesGoThroughRedis() {
        configure("redis", "types-concrete");
        CachedHandle dogs = Handles.cached(CachedSpec.of(ZOO + "#dog(int)", "zoo-dog", "{id}", "10m"), Zoo.class);
        Object key = dogs.key(3);
        assertThat(dogs.load(key, () -> new Dog("d3"))).isEqualTo(new Dog("d3"));

        try (RedisClient redis = RedisClient.create("127.0.0.1", server.port())) {
            assertThat(values(redis, "types-concrete*zoo-dog*")).hasSize(1);
        }
    }

    /** The value keys matching a pattern: generation keys ({@code …:gen}) are not values. */
    private static Set<String> values(RedisClient redis, String pattern) {
        Set<String> keys = new TreeSet<>(redis.keys(pattern));
        keys.removeIf(key -> key.endsWith(":gen"));
        return keys;
    }
}
