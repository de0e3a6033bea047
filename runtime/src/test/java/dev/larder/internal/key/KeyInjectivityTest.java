package dev.larder.internal.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.model.KeyTemplate;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keys that differ locally never share a Redis key, and integral parts of equal value are one key: randomized over
 * every key-part type the encoder accepts, with adversarial separators, escapes and lone surrogates.
 */
class KeyInjectivityTest {
    private static final KeyShape SINGLE = KeyShape.SINGLE_VALUE;
    private static final KeyShape PAIR = KeyShape.of(KeyTemplate.parse("{x}:{y}"));

    enum Colour {
        RED,
        GREEN
    }

    enum Light {
        RED
    }

    record Point(int x, int y) {}

    private static String single(Object value) {
        return KeyEncoder.encode(Keys.of(SINGLE, value));
    }

    @Test
    void loneSurrogateDoesNotShareAnEntryWithQuestionMark() {
        assertThat(single("a\uD800")).isNotEqualTo(single("a?"));
        assertThat(single("a\uDC00")).isNotEqualTo(single("a\uD800"));
        // the Redis key goes over the wire as UTF-8: it must survive the round trip unchanged
        String encoded = single("a\uD800b\uDFFF");
        assertThat(new String(
                        encoded.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(encoded);
        // a valid pair is not a lone surrogate
        assertThat(single("\uD83D\uDE00")).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void datesAMillisecondApartAreDifferentKeys() {
        assertThat(single(new Date(1_000_000_000_000L))).isNotEqualTo(single(new Date(1_000_000_000_999L)));
        assertThat(single(new Date(1_000_000_000_000L))).isNotEqualTo(single(new Date(1_000_000_000_001L)));
        assertThat(single(new Date(5L))).isEqualTo(single(new Date(5L)));
    }

    @Test
    void integralPartsOfEqualValueAreOneKey() {
        Object[] fortyTwos = {42, 42L, (short) 42, (byte) 42};
        for (Object a : fortyTwos) {
            for (Object b : fortyTwos) {
                assertThat(Keys.of(SINGLE, a)).isEqualTo(Keys.of(SINGLE, b));
                assertThat(Keys.of(SINGLE, a).hashCode())
                        .isEqualTo(Keys.of(SINGLE, b).hashCode());
                assertThat(Keys.of(PAIR, a, "t")).isEqualTo(Keys.of(PAIR, b, "t"));
                assertThat(Keys.of(PAIR, a, "t").hashCode())
                        .isEqualTo(Keys.of(PAIR, b, "t").hashCode());
                assertThat(Keys.of(PAIR, "t", a)).isEqualTo(Keys.of(PAIR, "t", b));
                assertThat(Keys.of(KeyShape.ofParameters(3), a, b, a))
                        .isEqualTo(Keys.of(KeyShape.ofParameters(3), b, a, b));
                assertThat(KeyEncoder.encode(Keys.of(PAIR, a, b))).isEqualTo("42:42");
            }
        }
        assertThat(Keys.ofLong(PAIR, 42L, "t"))
                .isEqualTo(Keys.ofInt(PAIR, 42, "t"))
                .isEqualTo(Keys.of(PAIR, (short) 42, "t"));
        assertThat(Keys.ofLong(PAIR, -1L, null).hashCode())
                .isEqualTo(Keys.ofInt(PAIR, -1, null).hashCode());
        assertThat(Keys.of(SINGLE, 1L << 40))
                .isEqualTo(Keys.of(SINGLE, 1L << 40))
                .isNotEqualTo(Keys.of(SINGLE, 0));
        assertThat(single(1L << 40)).isEqualTo("1099511627776");
    }

    @Test
    void valuesOfDifferentTypesWithTheSameTextAreDifferentKeys() {
        List<Object> sameText = List.of("42", 42, 42.0d, 42.0f, new BigDecimal("42"), new BigInteger("42"), '4');
        assertDistinct(sameText);
        assertDistinct(List.of("RED", Colour.RED, Light.RED));
        assertDistinct(List.of("true", true));
        assertDistinct(List.of(new BigDecimal("1.0"), new BigDecimal("1.00"), new BigDecimal("1")));
        assertDistinct(List.of(List.of(1, 2), Set.of(1, 2), new int[] {1, 2}, new long[] {1, 2}, new Integer[] {1, 2}));
        assertDistinct(List.of(List.of(42), List.of(42L), List.of("42")));
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertDistinct(List.of(id, id.toString()));
    }

    @Test
    void equalValuesEncodeEqually() {
        assertThat(single(new HashSet<>(List.of("b", "a", "c")))).isEqualTo(single(Set.of("c", "a", "b")));
        assertThat(single(new ArrayList<>(List.of(1, 2)))).isEqualTo(single(List.of(1, 2)));
        assertThat(single(new String[] {"a"})).isEqualTo(single(new Object[] {"a"}));
        assertThat(single(Map.of("a", 1, "b", 2))).isEqualTo(single(new HashMap<>(Map.of("b", 2, "a", 1))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{x}", "{x}:{y}", "{x}{y}", "{x}-{y}", "{x}\\{y}", "{x}T{y}V", "[{x}],{y}", "{x}4{y}"})
    void randomPartsThatDifferNeverShareAnEncoding(String template) {
        KeyShape shape = KeyShape.of(KeyTemplate.parse(template));
        int parts = shape.placeholderCount();
        long seed = 16L * 31 + template.hashCode();
        Random random = new Random(seed);
        Map<String, Object> seen = new HashMap<>();
        for (int i = 0; i < 30_000; i++) {
            Object[] values = new Object[parts];
            for (int p = 0; p < parts; p++) {
                values[p] = randomPart(random, 0);
            }
            Object key = Keys.of(shape, values.clone());
            String encoded;
            try {
                encoded = KeyEncoder.encode(key);
            } catch (IllegalArgumentException refused) {
                // an array inside a collection compares by identity: such keys are refused, never shared
                assertThat(refused).hasMessageContaining("array inside a collection");
                continue;
            }
            Object previous = seen.putIfAbsent(encoded, key);
            if (previous != null && !previous.equals(key)) {
                throw new AssertionError("seed " + seed + ": " + describe(previous) + " and " + describe(key)
                        + " both encode to " + encoded);
            }
            if (previous != null) {
                assertThat(previous.hashCode()).isEqualTo(key.hashCode());
            }
        }
        assertThat(seen.size()).as("distinct keys, seed %s", seed).isGreaterThan(parts == 1 ? 1_000 : 5_000);
    }

    @Test
    void partsWithoutValueEqualityAreRefusedNamingTheirClass() {
        assertThatThrownBy(() -> single(List.of(new int[] {1})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[I")
                .hasMessageContaining("array inside a collection");
        assertThatThrownBy(() -> single(new java.util.ArrayDeque<>(List.of(1))))
                .hasMessageContaining("java.util.ArrayDeque")
                .hasMessageContaining("neither a List nor a Set");
        assertThatThrownBy(() -> single(new StringBuilder("sb")))
                .hasMessageContaining("java.lang.StringBuilder")
                .hasMessageContaining("equals");
        assertThatThrownBy(() -> single(new Object()))
                .hasMessageContaining("java.lang.Object")
                .hasMessageContaining("toString");
    }

    private static void assertDistinct(List<Object> values) {
        Map<String, Object> seen = new HashMap<>();
        for (Object value : values) {
            Object previous = seen.put(single(value), value);
            assertThat(previous)
                    .as("%s and %s", describe(previous), describe(value))
                    .isNull();
        }
    }

    private static String describe(Object value) {
        return value == null
                ? "null"
                : Arrays.deepToString(new Object[] {value}) + " ("
                        + value.getClass().getName() + ")";
    }

    private static final String ALPHABET = "a:\\,[]NESTVAuQ0-4 x{}é?\uD800\uDC00";

    private static Object randomPart(Random random, int depth) {
        int kinds = depth > 1 ? 16 : 21;
        switch (random.nextInt(kinds)) {
            case 0:
                return null;
            case 1:
            case 2:
            case 3:
                return randomString(random);
            case 4:
                return random.nextInt(5) - 2;
            case 5:
                return (long) random.nextInt(5) - 2 + (random.nextInt(4) == 0 ? 1L << 33 : 0);
            case 6:
                return (short) (random.nextInt(5) - 2);
            case 7:
                return (byte) (random.nextInt(5) - 2);
            case 8:
                return random.nextBoolean() ? Colour.values()[random.nextInt(2)] : Light.RED;
            case 9:
                return new Date(1_000_000_000_000L + random.nextInt(3));
            case 10:
                return new BigDecimal(BigInteger.valueOf(random.nextInt(3)), random.nextInt(3));
            case 11:
                return random.nextBoolean()
                        ? (Object) (random.nextInt(3) / 2.0)
                        : (Object) (float) (random.nextInt(3) / 2.0);
            case 12:
                return new UUID(random.nextInt(2), random.nextInt(2));
            case 13:
                return switch (random.nextInt(6)) {
                    case 0 -> Instant.ofEpochMilli(random.nextInt(3));
                    case 1 -> LocalDate.of(2026, 1, 1 + random.nextInt(2));
                    case 2 -> LocalDateTime.of(2026, 1, 1, 0, 0, 0, random.nextInt(2) * 1_000);
                    case 3 -> OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(random.nextInt(2)));
                    case 4 -> ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
                    default -> Duration.ofMillis(random.nextInt(2));
                };
            case 14:
                return random.nextBoolean()
                        ? (Object) (random.nextInt(2) == 0)
                        : (Object) ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            case 15:
                return random.nextBoolean() ? new Point(random.nextInt(2), random.nextInt(2)) : TimeUnit.SECONDS;
            case 16:
                return randomList(random, depth);
            case 17:
                return new HashSet<>(randomList(random, depth));
            case 18:
                return randomList(random, depth).toArray();
            case 19:
                return random.nextBoolean()
                        ? new int[] {random.nextInt(2), random.nextInt(2)}
                        : new long[] {random.nextInt(2)};
            default:
                Map<Object, Object> map = new HashMap<>();
                map.put(randomString(random), randomPart(random, depth + 1));
                return map;
        }
    }

    private static List<Object> randomList(Random random, int depth) {
        List<Object> list = new ArrayList<>();
        int size = random.nextInt(3);
        for (int i = 0; i < size; i++) {
            list.add(randomPart(random, depth + 1));
        }
        return list;
    }

    private static String randomString(Random random) {
        char[] chars = new char[random.nextInt(4)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(chars);
    }

    static boolean sameKey(Object a, Object b) {
        return Objects.equals(a, b);
    }
}
