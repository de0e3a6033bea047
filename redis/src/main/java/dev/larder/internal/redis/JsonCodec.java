package dev.larder.internal.redis;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.larder.Codec;
import dev.larder.ValueType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default codec: JSON through Jackson, decoded into the declared type only. Default typing is off, and the bytes
 * never choose a class by name: the polymorphic type validator denies every class-named type id ({@code
 * JsonTypeInfo.Id.CLASS} and {@code MINIMAL_CLASS}, on a type or on a property) before its class is even loaded, so
 * such a value fails to decode (a counted miss). Name-based subtypes ({@code Id.NAME} with {@code @JsonSubTypes}),
 * which only pick among classes the application listed, decode as usual. Jackson modules on the class path
 * (java.time, Jdk8) are registered.
 */
final class JsonCodec implements Codec {
    private final ObjectMapper mapper =
            new ObjectMapper().findAndRegisterModules().setPolymorphicTypeValidator(new NoClassNames());
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
     * Denies every type id that names a class. Jackson asks it for class-named ids only (name-based ids resolve
     * through the registered subtypes), first by the name, before loading the class.
     */
    static final class NoClassNames extends PolymorphicTypeValidator.Base {
        private static final long serialVersionUID = 1L;

        @Override
        public Validity validateSubClassName(MapperConfig<?> config, JavaType baseType, String subClassName) {
            return Validity.DENIED;
        }

        @Override
        public Validity validateSubType(MapperConfig<?> config, JavaType baseType, JavaType subType) {
            return Validity.DENIED;
        }
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
