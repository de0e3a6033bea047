package dev.larder.internal.redis;

import dev.larder.Codec;
import dev.larder.ConfigurationException;

/** The JSON codec for parts of Larder that encode values without a Redis tier (the write-behind journal). */
public final class DefaultCodec {
    private DefaultCodec() {}

    /**
     * A new JSON codec.
     *
     * @param key the configuration key that needs it, for the message
     * @param value that key's value
     * @throws ConfigurationException when Jackson is not on the class path
     */
    public static Codec json(String key, String value) {
        return json(key, value, "a journal");
    }

    /**
     * A new JSON codec.
     *
     * @param key the configuration key that needs it, for the message
     * @param value that key's value
     * @param who what needs it, for the message ("a journal")
     * @throws ConfigurationException when Jackson is not on the class path
     */
    public static Codec json(String key, String value, String who) {
        try {
            Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, DefaultCodec.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigurationException(
                    key,
                    value,
                    who + " needs com.fasterxml.jackson.core:jackson-databind (2.x) on the class path for the"
                            + " default JSON codec, or another codec set with Larder.codec(...)");
        }
        return new JsonCodec();
    }
}
