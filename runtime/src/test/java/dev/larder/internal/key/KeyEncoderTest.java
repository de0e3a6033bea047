package dev.larder.internal.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.model.KeyTemplate;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyEncoderTest {
    private static final KeyShape SINGLE = KeyShape.SINGLE_VALUE;
    private static final KeyShape PAIR = KeyShape.of(KeyTemplate.parse("{x}:{y}"));

    record Point(int x, int y) {}

    static final class Opaque {}

    private static String single(Object value) {
        return KeyEncoder.encode(Keys.of(SINGLE, value));
    }

    @Test
    void encodeRendersSingleValuesAsText() {
        assertThat(single(42)).isEqualTo("42");
        assertThat(single("alice")).isEqualTo("alice");
        assertThat(single(-1.5d)).isEqualTo("\\D-1.5");
        assertThat(single('c')).isEqualTo("\\Cc");
        assertThat(single(true)).isEqualTo("\\Btrue");
        assertThat(single(TimeUnit.SECONDS)).isEqualTo("\\Tjava.util.concurrent.TimeUnit\\VSECONDS");
        assertThat(single(UUID.fromString("123e4567-e89b-12d3-a456-426614174000")))
                .isEqualTo("\\Tjava.util.UUID\\V123e4567-e89b-12d3-a456-426614174000");
        assertThat(single(new BigInteger("123456789012345678901234567890")))
                .isEqualTo("\\I123456789012345678901234567890");
        assertThat(single(new BigDecimal("1.50"))).isEqualTo("\\M1.50");
        assertThat(single(LocalDate.of(2026, 1, 2))).isEqualTo("\\Tjava.time.LocalDate\\V2026-01-02");
        assertThat(single(Duration.ofMinutes(10))).isEqualTo("\\Tjava.time.Duration\\VPT10M");
        assertThat(single(42L)).isEqualTo("42");
        assertThat(single("42")).isEqualTo("\\Q42");
    }

    /** A subclass, as a persistence library may hand one out. */
    static final class LibraryTimestamp extends java.sql.Timestamp {
        private static final long serialVersionUID = 1L;

        LibraryTimestamp(long millis) {
            super(millis);
        }
    }

    @Test
    void datesAreTheirEpochMillisAndTimestampsAlsoTheirNanos() {
        assertThat(single(new java.util.Date(1_767_322_845_123L))).isEqualTo("\\Tjava.util.Date\\V1767322845123");
        java.sql.Timestamp stamp = new java.sql.Timestamp(1_767_322_845_123L);
        stamp.setNanos(123_456_789);
        assertThat(single(stamp)).isEqualTo("\\Tjava.sql.Timestamp\\V1767322845123.123456789");
        java.sql.Timestamp before1970 = new java.sql.Timestamp(-1_500L);
        assertThat(single(before1970)).isEqualTo("\\Tjava.sql.Timestamp\\V-1500.500000000");
        assertThat(single(new LibraryTimestamp(2_001L)))
                .isEqualTo("\\T" + LibraryTimestamp.class.getName() + "\\V2001.1000000");
        assertThat(single(new java.sql.Date(86_400_000L))).isEqualTo("\\Tjava.sql.Date\\V86400000");
        assertThat(single(new java.sql.Timestamp(Long.MIN_VALUE)))
                .isEqualTo("\\Tjava.sql.Timestamp\\V-9223372036854775808.192000000");
    }

    @Test
    void encodeEscapesSeparatorsInsideSingleValues() {
        assertThat(single(Instant.parse("2026-01-02T03:04:05Z")))
                .isEqualTo("\\Tjava.time.Instant\\V2026-01-02T03\\:04\\:05Z");
        assertThat(single("a:b\\c")).isEqualTo("a\\:b\\\\c");
        assertThat(single("[x]")).isEqualTo("\\[x\\]");
    }

    @Test
    void encodeKeepsColonInsideValueDistinctFromSeparator() {
        String left = KeyEncoder.encode(Keys.of(PAIR, "a:b", "c"));
        String right = KeyEncoder.encode(Keys.of(PAIR, "a", "b:c"));

        assertThat(left).isEqualTo("a\\:b:c");
        assertThat(right).isEqualTo("a:b\\:c");
        assertThat(single("a:b")).isNotEqualTo(KeyEncoder.encode(Keys.of(PAIR, "a", "b")));
    }

    @Test
    void encodeIsTheSameForUnboxedAndBoxedFirstParts() {
        KeyShape user = KeyShape.of(KeyTemplate.parse("user:{id}:{tenant}"));

        assertThat(KeyEncoder.encode(Keys.ofInt(user, 42, "a:b")))
                .isEqualTo(KeyEncoder.encode(Keys.of(user, (Object) 42, "a:b")))
                .isEqualTo("user:42:a\\:b");
        assertThat(KeyEncoder.encode(Keys.ofLong(PAIR, -5L, null)))
                .isEqualTo(KeyEncoder.encode(Keys.of(PAIR, (Object) (-5L), null)))
                .isEqualTo("-5:\\N");
        assertThat(KeyEncoder.encode(Keys.ofInt(PAIR, 1, new int[] {2})))
                .isEqualTo(KeyEncoder.encode(Keys.of(PAIR, (Object) 1, new int[] {2})))
                .isEqualTo("1:\\AI[2]");
    }

    @Test
    void encodeKeepsLiteralsVerbatim() {
        assertThat(KeyEncoder.encode(Keys.of(KeyShape.of(KeyTemplate.parse("user:{id}")), 5)))
                .isEqualTo("user:5");
        assertThat(KeyEncoder.encode(Keys.of(KeyShape.of(KeyTemplate.parse("t={t}/u={u}!")), "a", "b")))
                .isEqualTo("t=a/u=b!");
        assertThat(KeyEncoder.encode(Keys.of(KeyShape.of(KeyTemplate.parse("all")))))
                .isEqualTo("all");
        assertThat(KeyEncoder.encode(Keys.of(KeyShape.of(KeyTemplate.ofParameters(List.of())))))
                .isEmpty();
    }

    @Test
    void encodeEscapesTheCharacterThatStartsTheNextLiteral() {
        KeyShape dash = KeyShape.of(KeyTemplate.parse("{a}-{b}"));
        KeyShape letter = KeyShape.of(KeyTemplate.parse("{a}x{b}"));

        assertThat(KeyEncoder.encode(Keys.of(dash, "a-b", "c"))).isEqualTo("a\\-b-c");
        assertThat(KeyEncoder.encode(Keys.of(dash, "a", "b-c"))).isEqualTo("a-b\\-c");
        assertThat(KeyEncoder.encode(Keys.of(letter, "xx", "y"))).isEqualTo("\\u0078\\u0078xy");
    }

    @Test
    void encodeMarksAdjacentPlaceholders() {
        KeyShape adjacent = KeyShape.of(KeyTemplate.parse("{a}{b}"));

        assertThat(KeyEncoder.encode(Keys.of(adjacent, "ab", "c"))).isEqualTo("ab\\Sc");
        assertThat(KeyEncoder.encode(Keys.of(adjacent, "a", "bc"))).isEqualTo("a\\Sbc");
    }

    @Test
    void encodeMarksTheEndOfAValueBeforeALiteralStartingWithBackslash() {
        KeyShape backslash = KeyShape.of(KeyTemplate.parse("{a}\\{b}"));

        assertThat(KeyEncoder.encode(Keys.of(backslash, "a", "\\a"))).isEqualTo("a\\S\\\\\\a");
        assertThat(KeyEncoder.encode(Keys.of(backslash, "a\\", "a"))).isEqualTo("a\\\\\\S\\a");
    }

    @Test
    void encodeNullDistinctlyFromTheStringNull() {
        assertThat(single(null)).isEqualTo("\\N");
        assertThat(single("null")).isEqualTo("null");
        assertThat(KeyEncoder.encode(Keys.of(PAIR, null, "b"))).isEqualTo("\\N:b");
        assertThat(KeyEncoder.encode(Keys.of(PAIR, "null", "b"))).isEqualTo("null:b");
    }

    @Test
    void encodeEmptyTextDistinctlyFromNothing() {
        assertThat(single("")).isEqualTo("\\E");
        assertThat(single(new String[0])).isEqualTo("\\A[]");
        assertThat(single(new String[] {""})).isEqualTo("\\A[\\E]");
        assertThat(KeyEncoder.encode(Keys.of(PAIR, "", ""))).isEqualTo("\\E:\\E");
    }

    @Test
    void encodeRendersArraysElementWise() {
        assertThat(single(new int[] {1, 2})).isEqualTo("\\AI[1,2]");
        assertThat(single(new byte[] {-1})).isEqualTo("\\AB[\\Y-1]");
        assertThat(single(new String[] {"a,b", null})).isEqualTo("\\A[a\\,b,\\N]");
        assertThat(single(new String[] {"a", "b"})).isNotEqualTo(single(new String[] {"a,b"}));
        assertThat(single(new Object[] {new int[] {1}, "x"})).isEqualTo("\\A[\\AI[1],x]");
        assertThat(KeyEncoder.encode(Keys.of(PAIR, new long[] {7}, "x"))).isEqualTo("\\AJ[\\L7]:x");
    }

    @Test
    void encodeRendersCollectionsElementWiseAndSetsInSortedOrder() {
        assertThat(single(List.of("b", "a"))).isEqualTo("[b,a]");
        Set<String> inserted = new LinkedHashSet<>(List.of("b", "a", "c"));
        assertThat(single(inserted)).isEqualTo("\\J[a,b,c]").isEqualTo(single(new TreeSet<>(inserted)));
    }

    @Test
    void encodeUsesTheOwnToStringOfRecords() {
        assertThat(single(new Point(1, 2))).isEqualTo("\\T" + Point.class.getName() + "\\VPoint\\[x=1\\, y=2\\]");
    }

    @Test
    void encodeRejectsValuesWithoutTheirOwnToStringNamingTheClass() {
        assertThatThrownBy(() -> single(new Opaque()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Opaque.class.getName())
                .hasMessageContaining("does not override toString()");
        assertThatThrownBy(() -> KeyEncoder.encode(Keys.of(PAIR, "a", List.of(new Opaque()))))
                .hasMessageContaining(Opaque.class.getName());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"{x}:{y}", "{x}{y}", "{x}-{y}", "{x}N{y}", "{x}0{y}", "p{x}\\{y}s", "{x}:{y}:", "\\{x}\\\\{y}\\"
            })
    void encodeIsInjectiveOverEveryShortPairOfStrings(String template) {
        KeyShape shape = KeyShape.of(KeyTemplate.parse(template));
        List<Object> values = new ArrayList<>();
        values.add(null);
        values.addAll(strings("a:\\,N", 3));
        Map<String, Object[]> seen = new HashMap<>();
        for (Object x : values) {
            for (Object y : values) {
                assertInjective(seen, shape, new Object[] {x, y});
            }
        }
        assertThat(seen).hasSize(values.size() * values.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{x}:{y}:{z}", "{x}{y}{z}", "{x}u{y}E{z}", "[{x}],{y}\\{z}", "{x}:{y}-{z}", "k{x} {y}{z}"})
    void encodeIsInjectiveOverRandomPartLists(String template) {
        KeyShape shape = KeyShape.of(KeyTemplate.parse(template));
        long seed = template.hashCode();
        Random random = new Random(seed);
        Map<String, Object[]> seen = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            Object[] parts = {randomPart(random), randomPart(random), randomPart(random)};
            assertInjective(seen, shape, parts);
        }
        assertThat(seen.size()).as("distinct keys generated with seed %s", seed).isGreaterThan(10_000);
    }

    @Test
    void encodeIsInjectiveUnderRandomTemplates() {
        long seed = 20261123L;
        Random random = new Random(seed);
        String literalAlphabet = "a:\\,[]NESu0- x";
        for (int t = 0; t < 300; t++) {
            List<String> literals = new ArrayList<>();
            int placeholders = 1 + random.nextInt(3);
            for (int i = 0; i <= placeholders; i++) {
                char[] chars = new char[random.nextInt(3)];
                for (int c = 0; c < chars.length; c++) {
                    chars[c] = literalAlphabet.charAt(random.nextInt(literalAlphabet.length()));
                }
                literals.add(new String(chars));
            }
            KeyShape shape = KeyShape.intern(literals);
            Map<String, Object[]> seen = new HashMap<>();
            for (int i = 0; i < 3_000; i++) {
                Object[] parts = new Object[placeholders];
                for (int p = 0; p < placeholders; p++) {
                    parts[p] = randomPart(random);
                }
                assertInjective(seen, shape, parts);
            }
        }
    }

    private static void assertInjective(Map<String, Object[]> seen, KeyShape shape, Object[] parts) {
        String encoded = KeyEncoder.encode(Keys.of(shape, parts.clone()));
        Object[] previous = seen.putIfAbsent(encoded, parts);
        if (previous != null && !Arrays.deepEquals(previous, parts)) {
            throw new AssertionError("parts " + Arrays.deepToString(previous) + " and " + Arrays.deepToString(parts)
                    + " both encode to " + encoded + " under " + shape);
        }
    }

    private static final String ALPHABET = "a:\\,[]NESu0- x{}é";

    private static Object randomPart(Random random) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return null;
        }
        if (kind == 1) {
            String[] array = new String[random.nextInt(3)];
            for (int i = 0; i < array.length; i++) {
                array[i] = random.nextInt(6) == 0 ? null : randomString(random);
            }
            return array;
        }
        return randomString(random);
    }

    private static String randomString(Random random) {
        char[] chars = new char[random.nextInt(4)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(chars);
    }

    private static List<String> strings(String alphabet, int maxLength) {
        List<String> all = new ArrayList<>(List.of(""));
        List<String> previous = List.of("");
        for (int length = 1; length <= maxLength; length++) {
            List<String> next = new ArrayList<>();
            for (String prefix : previous) {
                for (char c : alphabet.toCharArray()) {
                    next.add(prefix + c);
                }
            }
            all.addAll(next);
            previous = next;
        }
        return all;
    }
}
