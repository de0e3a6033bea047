package dev.larder.internal.spi;

import dev.larder.ConfigurationException;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/** Finds {@code dev.larder:larder-redis} on the class path, or says plainly that it is missing. */
public final class RedisModule {
    /** The artifact that carries the Redis tier, as a user adds it. */
    public static final String ARTIFACT = "dev.larder:larder-redis";

    /** Where the agent keeps {@code larder-redis} apart from the class path, when it does; else null. */
    private static volatile @Nullable ClassLoader carrier;

    private RedisModule() {}

    /**
     * Makes {@link #require} look for the module in {@code loader} too, after the runtime's own class loader: the agent
     * carries {@code larder-redis}, Jedis and Jackson in a loader of their own, which sees the platform's modules
     * ({@code java.sql}) and the runtime, where the runtime may be defined by the bootstrap loader.
     */
    public static void carriedBy(ClassLoader loader) {
        carrier = loader;
    }

    /**
     * The provider of {@code larder-redis}: the application's own, found through the runtime's class loader (the
     * system class loader's class path when the bootstrap loader defined the runtime), with its own Jedis, Jackson and
     * Jackson modules, as without the agent; else the one that {@link #carriedBy} named.
     *
     * @param key the configuration key that needs it, for the message
     * @param value that key's value
     * @param needs what is missing without the module, for the message ("a Redis backend needs")
     * @param otherwise what the user can do instead, for the message
     * @throws ConfigurationException when the module is not on the class path, never {@code NoClassDefFoundError}
     */
    public static RedisProvider require(String key, String value, String needs, String otherwise) {
        String broken = "";
        try {
            RedisProvider provider = first(RedisProvider.class.getClassLoader());
            ClassLoader carried = carrier;
            if (provider == null && carried != null) {
                provider = first(carried);
            }
            if (provider != null) {
                return provider;
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            // a larder-redis of another version than the runtime's, or one whose own dependencies are missing
            broken = " (one was found but cannot be loaded: " + e + "; use the same version as the runtime)";
        }
        throw new ConfigurationException(
                key,
                value,
                needs + " " + ARTIFACT + " on the class path (it brings Jedis and Jackson)" + broken + "; "
                        + otherwise);
    }

    /** The first provider {@code loader} sees (null: the system class loader), or null. */
    private static @Nullable RedisProvider first(@Nullable ClassLoader loader) {
        Iterator<RedisProvider> providers =
                ServiceLoader.load(RedisProvider.class, loader).iterator();
        return providers.hasNext() ? providers.next() : null;
    }
}
