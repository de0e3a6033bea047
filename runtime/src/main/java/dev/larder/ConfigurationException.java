package dev.larder;

import dev.larder.internal.config.RedisAddresses;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A configuration value that Larder does not accept: a malformed value, an unknown {@code larder.*} key, or keys
 * that do not go together. Thrown when the configuration is read or built, so that a mistake stops the application
 * at start-up instead of showing up later as wrong caching. The message names the key, the value, what is allowed
 * and, when known, where the value came from, for example {@code larder.local.maxSize = 'abc' is not allowed:
 * expected a whole number from 1 to 2147483647 (from system property)}. A password in a Redis URI is never shown: it
 * reads {@code ****}, in the message and in {@link #value()}.
 */
public class ConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String value;

    /**
     * @param key the full key, such as {@code larder.local.maxSize}
     * @param value the value as given
     * @param allowed what the key accepts, in words
     */
    public ConfigurationException(String key, String value, String allowed) {
        this(key, value, allowed, null);
    }

    /**
     * @param key the full key, such as {@code larder.local.maxSize}
     * @param value the value as given
     * @param allowed what the key accepts, in words
     * @param source where the value came from, such as {@code system property}, or {@code null} when not known
     */
    public ConfigurationException(String key, String value, String allowed, @Nullable String source) {
        super(message(key, value, allowed, source));
        this.key = key;
        this.value = RedisAddresses.maskPassword(value);
    }

    /** The full key whose value is not accepted. */
    public String key() {
        return key;
    }

    /** The value that is not accepted, as given but with any password in a Redis URI masked as {@code ****}. */
    public String value() {
        return value;
    }

    private static String message(String key, String value, String allowed, @Nullable String source) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(allowed, "allowed");
        // Masked here, whatever the caller did: a message is logged, and a Redis URI may hold a password.
        String message = key + " = '" + RedisAddresses.maskPassword(value) + "' is not allowed: "
                + RedisAddresses.maskPassword(allowed);
        return source == null ? message : message + " (from " + RedisAddresses.maskPassword(source) + ")";
    }
}
