package dev.larder.internal.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.model.KeyTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysTest {
    private static final KeyShape SINGLE = KeyShape.of(KeyTemplate.parse("{id}"));
    private static final KeyShape PAIR = KeyShape.of(KeyTemplate.parse("{a}:{b}"));
    private static final KeyShape TRIPLE = KeyShape.of(KeyTemplate.parse("{a}:{b}:{c}"));
    private static final KeyShape FOUR = KeyShape.of(KeyTemplate.parse("{a}:{b}:{c}:{d}"));

    @Test
    void singleValueKeyIsTheValueItself() {
        String alice = "alice";

        assertThat(Keys.of(SINGLE, alice)).isSameAs(alice);
        assertThat(Keys.of(SINGLE, (Object) 42)).isEqualTo(42);
        assertThat(Keys.of(SINGLE, new Object[] {alice})).isSameAs(alice);
    }

    @Test
    void singleNullValueIsTheSharedNullKey() {
        assertThat(Keys.of(SINGLE, (Object) null)).isSameAs(Keys.NULL);
        assertThat(Keys.NULL).isNotEqualTo("null");
    }

    @Test
    void singleArrayValueComparesDeeply() {
        Object key = Keys.of(SINGLE, (Object) new int[] {1, 2});

        assertThat(key).isEqualTo(Keys.of(SINGLE, (Object) new int[] {1, 2}));
        assertThat(key).hasSameHashCodeAs(Keys.of(SINGLE, (Object) new int[] {1, 2}));
        assertThat(key).isNotEqualTo(Keys.of(SINGLE, (Object) new int[] {2, 1}));
        assertThat(key).isNotEqualTo(Keys.of(SINGLE, (Object) new long[] {1, 2}));
        assertThat(key).hasToString("[1, 2]");
    }

    @Test
    void compositeKeysCompareByShapeAndParts() {
        Object key = Keys.of(PAIR, "t", 7);

        assertThat(key).isEqualTo(Keys.of(KeyShape.of(KeyTemplate.parse("{x}:{y}")), "t", 7));
        assertThat(key).hasSameHashCodeAs(Keys.of(PAIR, "t", 7));
        assertThat(key).isNotEqualTo(Keys.of(PAIR, "t", 8));
        assertThat(key).isNotEqualTo(Keys.of(PAIR, 7, "t"));
        assertThat(key).isInstanceOf(CompositeKey.class).hasToString("t:7");
    }

    @Test
    void keysOfDifferentShapesAreNeverEqual() {
        KeyShape dash = KeyShape.of(KeyTemplate.parse("{a}-{b}"));

        assertThat(Keys.of(PAIR, "a", "b")).isNotEqualTo(Keys.of(dash, "a", "b"));
        assertThat(Keys.of(KeyShape.of(KeyTemplate.parse("user:{id}")), "1"))
                .isNotEqualTo(Keys.of(KeyShape.of(KeyTemplate.parse("order:{id}")), "1"))
                .isNotEqualTo("1");
    }

    @Test
    void compositeArraysCompareDeeplyIncludingPrimitiveAndNestedArrays() {
        Object key = Keys.of(TRIPLE, new byte[] {1}, new String[] {"a", "b"}, new Object[] {new int[] {3}});
        Object same = Keys.of(TRIPLE, new byte[] {1}, new String[] {"a", "b"}, new Object[] {new int[] {3}});

        assertThat(key).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(key)
                .isNotEqualTo(Keys.of(TRIPLE, new byte[] {1}, new String[] {"a", "b"}, new Object[] {new int[] {4}}));
        assertThat(key).hasToString("[1]:[a, b]:[[3]]");
    }

    @Test
    void nullPartsAreValues() {
        assertThat(Keys.of(PAIR, null, "b")).isEqualTo(Keys.of(PAIR, null, "b"));
        assertThat(Keys.of(PAIR, null, "b")).isNotEqualTo(Keys.of(PAIR, "null", "b"));
        assertThat(Keys.of(PAIR, null, null)).hasToString("null:null");
    }

    @Test
    void integralPartsOfEqualValueAreEqualButElementsCompareByTheirOwnEquals() {
        assertThat(Keys.of(PAIR, 1, 1)).isEqualTo(Keys.of(PAIR, 1L, (short) 1));
        assertThat(Keys.of(SINGLE, (Object) 1)).isEqualTo(Keys.of(SINGLE, (Object) 1L));
        assertThat(Keys.of(SINGLE, List.of(1))).isNotEqualTo(Keys.of(SINGLE, List.of(1L)));
    }

    @Test
    void varargsGivesTheSameKeyAsFixedArity() {
        assertThat(Keys.of(PAIR, new Object[] {"a", "b"})).isEqualTo(Keys.of(PAIR, "a", "b"));
        assertThat(Keys.of(TRIPLE, new Object[] {"a", "b", null})).isEqualTo(Keys.of(TRIPLE, "a", "b", null));
        assertThat(Keys.of(FOUR, "a", "b", "c", "d"))
                .isEqualTo(Keys.of(FOUR, "a", "b", "c", "d"))
                .hasToString("a:b:c:d");
        KeyShape one = KeyShape.of(KeyTemplate.parse("user:{id}"));
        assertThat(Keys.of(one, new Object[] {5})).isEqualTo(Keys.of(one, 5)).hasToString("user:5");
    }

    @Test
    void arraysAreCopiedSoLaterChangesDoNotAlterTheKey() {
        int[] ids = {1, 2};
        Object key = Keys.of(PAIR, "a", ids);
        Object single = Keys.of(SINGLE, (Object) ids);
        ids[0] = 9;

        assertThat(key).isEqualTo(Keys.of(PAIR, "a", new int[] {1, 2}));
        assertThat(single).isEqualTo(Keys.of(SINGLE, (Object) new int[] {1, 2}));
    }

    @Test
    void constantTemplateHasOneSharedKey() {
        KeyShape all = KeyShape.of(KeyTemplate.parse("all"));

        assertThat(Keys.of(all)).isSameAs(Keys.of(all)).hasToString("all");
        assertThat(Keys.of(all)).isNotEqualTo(Keys.of(KeyShape.of(KeyTemplate.parse("other"))));
    }

    @Test
    void wrongNumberOfPartsIsRejected() {
        assertThatThrownBy(() -> Keys.of(PAIR, "a", "b", "c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{}:{}")
                .hasMessageContaining("2 placeholders but 3 parts");
    }

    @Test
    void compositeKeyExposesShapeAndParts() {
        CompositeKey key = (CompositeKey) Keys.of(TRIPLE, "a", null, 3);

        assertThat(key.shape()).isSameAs(TRIPLE);
        assertThat(key.size()).isEqualTo(3);
        assertThat(List.of(key.part(0), key.part(2))).containsExactly("a", 3);
        assertThat(key.part(1)).isNull();
    }

    @Test
    void unboxedIntFirstPartMakesTheSameKeyAsTheBoxedOne() {
        Object unboxed = Keys.ofInt(PAIR, 7, "t");
        Object boxed = Keys.of(PAIR, (Object) 7, "t");

        assertThat(unboxed).isEqualTo(boxed).hasSameHashCodeAs(boxed).hasToString("7:t");
        assertThat(boxed).isEqualTo(unboxed);
        assertThat(Keys.of(PAIR, new Object[] {7, "t"})).isEqualTo(unboxed);
        assertThat(unboxed).isNotEqualTo(Keys.ofInt(PAIR, 8, "t")).isNotEqualTo(Keys.ofInt(PAIR, 7, "u"));
        assertThat(unboxed).isEqualTo(Keys.ofLong(PAIR, 7L, "t"));
        assertThat(unboxed).isNotEqualTo(Keys.ofInt(KeyShape.of(KeyTemplate.parse("{a}-{b}")), 7, "t"));
        assertThat(((CompositeKey) unboxed).part(0)).isEqualTo(7);
    }

    @Test
    void unboxedLongFirstPartMakesTheSameKeyAsTheBoxedOne() {
        Object unboxed = Keys.ofLong(PAIR, 1L << 40, null);
        Object boxed = Keys.of(PAIR, (Object) (1L << 40), null);

        assertThat(unboxed).isEqualTo(boxed).hasSameHashCodeAs(boxed);
        assertThat(boxed).isEqualTo(unboxed);
        assertThat(unboxed).isNotEqualTo(Keys.ofLong(PAIR, 1L << 41, null));
        assertThat(((CompositeKey) unboxed).part(0)).isEqualTo(1L << 40);
    }

    @Test
    void unboxedFirstPartWithAnArraySecondEqualsTheBoxedKey() {
        Object unboxed = Keys.ofInt(PAIR, 7, new int[] {1, 2});
        Object boxed = Keys.of(PAIR, (Object) 7, new int[] {1, 2});

        assertThat(unboxed).isEqualTo(boxed).hasSameHashCodeAs(boxed);
        assertThat(Keys.ofLong(PAIR, 7L, new String[] {"a"})).isEqualTo(Keys.of(PAIR, 7L, new String[] {"a"}));
    }

    @Test
    void unboxedKeysHashAsTheGenericTwoPartKeyDoes() {
        // the hash is part of no contract across classes, but keeping one formula keeps tables evenly spread
        Object generic = Keys.of(PAIR, "7", "t");
        int expected = 31 * PAIR.hashCode() + 31 * 7 + "t".hashCode();

        assertThat(Keys.ofInt(PAIR, 7, "t").hashCode()).isEqualTo(expected);
        assertThat(generic.hashCode()).isEqualTo(31 * PAIR.hashCode() + 31 * "7".hashCode() + "t".hashCode());
        assertThat(Keys.ofLong(PAIR, 7L, "t").hashCode()).isEqualTo(expected);
    }
}
