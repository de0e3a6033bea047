package dev.larder.internal.redis;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.larder.Codec;
import dev.larder.ValueType;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default codec: JSON through Jackson, decoded into the declared type only. Default typing is off, and the bytes
 * never choose a class by name: the polymorphic type validator denies every class-named type id ({@code
 * JsonTypeInfo.Id.CLASS} and {@code MINIMAL_CLASS}, on a type or on a property) before its class is even loaded, so
 * such a value fails to decode (a counted miss). Name-based subtypes ({@code Id.NAME} with {@code @JsonSubTypes}),
 * which only pick among classes the application listed, decode as usual. The java.time and {@code Optional} modules
 * are this module's own dependencies and always registered (an application's copies would not fit the agent's
 * relocated Jackson); other Jackson modules on the class path are registered too.
 */
final class JsonCodec implements Codec {
    private final ObjectMapper mapper = mapper();
    private final Map<ValueType, JavaType> types = new ConcurrentHashMap<>();

    /**
     * A {@code java.time} value comes back as it went in: ISO-8601 text with its offset and zone, not an instant moved
     * to UTC. The older date types keep the epoch milliseconds they were always written as: a {@code java.sql.Date} as
     * text is a local date, which Jackson reads back at midnight UTC, a day early west of it. Both forms decode, so
     * values written before still read.
     */
    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModules(new Jdk8Module(), new JavaTimeModule())
                .findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.WRITE_DATES_WITH_ZONE_ID)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .setPolymorphicTypeValidator(new NoClassNames());
        for (Class<?> epochMillis : List.of(
                Date.class, Calendar.class, java.sql.Date.class, java.sql.Time.class, java.sql.Timestamp.class)) {
            mapper.configOverride(epochMillis).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.NUMBER));
        }
        return mapper;
    }

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
                type, t -> TypeText.parse(TypeFactory.defaultInstance().withClassLoader(t.classLoader()), t.name()));
    }
}
