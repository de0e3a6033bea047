package dev.larder.internal.weave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** SpEL's comparison semantics for the values woven conditions compare. */
class SpelOperatorsTest {
    @Test
    void numbersCompareByValueAcrossTypes() {
        assertThat(SpelOperators.eq(1, 1L)).isTrue();
        assertThat(SpelOperators.eq((short) 2, 2.0)).isTrue();
        assertThat(SpelOperators.eq(new BigDecimal("2.50"), 2.5)).isTrue();
        assertThat(SpelOperators.lt(1, 1.5)).isTrue();
        assertThat(SpelOperators.ge(Long.MAX_VALUE, Long.MAX_VALUE - 1)).isTrue();
        assertThat(SpelOperators.ne(3, 3L)).isFalse();
    }

    @Test
    void otherValuesUseEqualsAndCompareTo() {
        assertThat(SpelOperators.eq("a", "a")).isTrue();
        assertThat(SpelOperators.eq("1", 1)).isFalse();
        assertThat(SpelOperators.lt("abc", "abd")).isTrue();
        assertThat(SpelOperators.gt(true, false)).isTrue();
        assertThatThrownBy(() -> SpelOperators.lt("a", 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("java.lang.String with a java.lang.Integer");
    }

    @Test
    void nullEqualsOnlyNullAndIsLessThanAnyValue() {
        assertThat(SpelOperators.eq(null, null)).isTrue();
        assertThat(SpelOperators.eq(null, 0)).isFalse();
        assertThat(SpelOperators.lt(null, 5)).isTrue();
        assertThat(SpelOperators.gt(5, null)).isTrue();
        assertThat(SpelOperators.le(null, null)).isTrue();
        assertThat(SpelOperators.lt(null, null)).isFalse();
    }

    @Test
    void aValueStandingAloneMustBeABoolean() {
        assertThat(SpelOperators.truth(Boolean.TRUE)).isTrue();
        assertThat(SpelOperators.truth(null)).isFalse();
        assertThatThrownBy(() -> SpelOperators.truth("yes"))
                .hasMessageContaining("not a boolean but a java.lang.String");
    }
}
