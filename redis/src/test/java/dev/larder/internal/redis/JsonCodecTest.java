package dev.larder.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.larder.ValueType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Bytes in Redis never choose the class they decode into; the application's named subtypes still decode. */
class JsonCodecTest {
    private static final ClassLoader LOADER = JsonCodecTest.class.getClassLoader();
    static final AtomicInteger GADGETS = new AtomicInteger();

    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    public interface Animal {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.MINIMAL_CLASS)
    public interface Plant {}

    public record Dog(String name) implements Animal {}

    /** An application class that no cached value is meant to be, with a side effect when built. */
    public static final class Gadget implements Animal, Plant {
        public Gadget() {
            GADGETS.incrementAndGet();
        }

        public void setCommand(String command) {
            GADGETS.incrementAndGet();
        }
    }

    public record Box(
            @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, include = JsonTypeInfo.As.WRAPPER_ARRAY)
            Object content) {}

    public record Pen(Animal animal) {}

    public record Tag(String name) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    @JsonSubTypes({@JsonSubTypes.Type(value = Circle.class, name = "circle")})
    public interface Shape {}

    public record Circle(double radius) implements Shape {}

    public record Booking(
            LocalDate day,
            Instant made,
            Duration length,
            OffsetDateTime start,
            ZonedDateTime end,
            Date legacy,
            Optional<String> note) {}

    private final JsonCodec codec = new JsonCodec();

    @Test
    void javaTimeAndOptionalValuesRoundTripWithNoModuleOfTheApplications() throws Exception {
        Booking booking = new Booking(
                LocalDate.of(2026, 12, 7),
                Instant.parse("2026-12-07T22:41:19.123456789Z"),
                Duration.ofMinutes(90),
                OffsetDateTime.parse("2026-12-08T09:30:00+01:00"),
                ZonedDateTime.parse("2026-12-08T11:00:00+01:00[Europe/Paris]"),
                new Date(1_767_322_845_123L),
                Optional.of("window seat"));
        byte[] bytes = codec.encode(booking);
        assertThat(codec.decode(bytes, new ValueType(Booking.class.getName(), LOADER)))
                .isEqualTo(booking);
        assertThat(codec.decode(codec.encode(LocalDate.of(2026, 1, 2)), new ValueType("java.time.LocalDate", LOADER)))
                .isEqualTo(LocalDate.of(2026, 1, 2));
        // a local date's day, west of UTC too: written as epoch milliseconds, as before
        TimeZone zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try {
            java.sql.Date day = java.sql.Date.valueOf("2026-12-07");
            byte[] written = codec.encode(day);
            assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(Long.toString(day.getTime()));
            assertThat(codec.decode(written, new ValueType("java.sql.Date", LOADER)))
                    .isEqualTo(day);
            java.sql.Timestamp stamp = java.sql.Timestamp.valueOf("2026-12-07 23:59:59.5");
            assertThat(codec.decode(codec.encode(stamp), new ValueType("java.sql.Timestamp", LOADER)))
                    .isEqualTo(stamp);
        } finally {
            TimeZone.setDefault(zone);
        }
        // as written before dates were text: an instant as epoch seconds, a date as epoch milliseconds
        assertThat(decode("1767322845.123456789", Instant.class))
                .isEqualTo(Instant.ofEpochSecond(1_767_322_845L, 123_456_789));
        assertThat(decode("1767322845123", Date.class)).isEqualTo(new Date(1_767_322_845_123L));
    }

    private Object decode(String json, Class<?> type) throws Exception {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8), new ValueType(type.getName(), LOADER));
    }

    @Test
    void arraysRoundTripAsTheirDeclaredTypesName() throws Exception {
        assertThat((String[]) codec.decode(
                        codec.encode(new String[] {"a", "b"}), new ValueType("java.lang.String[]", LOADER)))
                .containsExactly("a", "b");
        assertThat((int[][]) codec.decode(codec.encode(new int[][] {{1}, {2, 3}}), new ValueType("int[][]", LOADER)))
                .isDeepEqualTo(new int[][] {{1}, {2, 3}});
        Object[] tags = (Object[]) codec.decode(
                codec.encode(new Tag[] {new Tag("new")}), new ValueType(Tag.class.getName() + "[]", LOADER));
        assertThat(tags).isInstanceOf(Tag[].class).containsExactly(new Tag("new"));
        assertThat(codec.decode(
                        codec.encode(Map.of("k", List.of(new int[] {1, 2}))),
                        new ValueType("java.util.Map<java.lang.String, java.util.List<int[]>>", LOADER)))
                .isInstanceOfSatisfying(
                        Map.class,
                        map -> assertThat(((List<?>) map.get("k")).get(0)).isEqualTo(new int[] {1, 2}));
        assertThat(codec.decode(
                        codec.encode(List.of(1.5)),
                        new ValueType("java.util.List<? extends java.lang.Number>", LOADER)))
                .isEqualTo(List.of(1.5));
        Object[] lists = (Object[]) codec.decode(
                codec.encode(new List<?>[] {List.of("x")}),
                new ValueType("java.util.List<java.lang.String>[]", LOADER));
        assertThat(lists).containsExactly(List.of("x"));
    }

    @Test
    void classNamedIdOfARecordComponentCannotBuildAFileOrAUrl() {
        assertThatThrownBy(() -> decode("{\"content\":[\"java.io.File\",\"/etc/passwd\"]}", Box.class))
                .hasMessageContaining("java.io.File");
        assertThatThrownBy(() -> decode("{\"content\":[\"java.net.URL\",\"http://example.invalid/\"]}", Box.class))
                .hasMessageContaining("java.net.URL");
    }

    @Test
    void classNamedIdOfAnInterfaceCannotBuildAnArbitraryApplicationClass() {
        GADGETS.set(0);
        String gadget = Gadget.class.getName();

        assertThatThrownBy(() -> decode("{\"@class\":\"" + gadget + "\",\"command\":\"rm\"}", Animal.class))
                .hasMessageContaining(gadget);
        assertThatThrownBy(() -> decode("{\"animal\":{\"@class\":\"" + gadget + "\",\"command\":\"rm\"}}", Pen.class))
                .hasMessageContaining(gadget);
        assertThatThrownBy(() -> decode("{\"@c\":\".JsonCodecTest$Gadget\",\"command\":\"rm\"}", Plant.class))
                .isInstanceOf(Exception.class);
        assertThat(GADGETS).hasValue(0);
    }

    @Test
    void classNamedIdOfTheApplicationsOwnSubtypeIsRefusedToo() throws Exception {
        byte[] bytes = codec.encode(new Dog("rex"));

        assertThatThrownBy(() -> codec.decode(bytes, new ValueType(Animal.class.getName(), LOADER)))
                .hasMessageContaining(Dog.class.getName());
    }

    @Test
    void nameBasedSubtypesStillDecode() throws Exception {
        byte[] bytes = codec.encode(new Circle(2));

        assertThat(codec.decode(bytes, new ValueType(Shape.class.getName(), LOADER)))
                .isEqualTo(new Circle(2));
        assertThat(decode("{\"@type\":\"circle\",\"radius\":1.5}", Shape.class)).isEqualTo(new Circle(1.5));
    }
}
