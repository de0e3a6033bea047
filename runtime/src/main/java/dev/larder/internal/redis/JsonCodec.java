package dev.larder.internal.redis;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.larder.Codec;
import dev.larder.ValueType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default codec: JSON through Jackson, decoded into the declared type only. Default typing is off (Jackson's
 * default), so no class name is ever read from the bytes; Jackson modules on the class path (java.time, Jdk8) are
 * registered.
 */
final class JsonCodec implements Codec {
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private final Map<ValueType, JavaType> types = new ConcurrentHashMap<>();

    @Override
    public byte[] encode(Object value) throws Exception {
        return mapper.writeValueAsBytes(value);
    }

    @Override
    public Object decode(byte[] bytes, ValueType type) throws Exception {
        return mapper.readValue(bytes, javaType(type));
    }

    /**
     * The Jackson type of a declared type.
     *
     * @throws IllegalArgumentException when a class it names cannot be loaded
     */
    JavaType javaType(ValueType type) {
        return types.computeIfAbsent(
                type,
                t -> TypeFactory.defaultInstance()
                        .withClassLoader(t.classLoader())
                        .constructFromCanonical(t.name()));
    }
}
