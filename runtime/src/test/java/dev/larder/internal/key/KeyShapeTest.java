package dev.larder.internal.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyShapeTest {

    @Test
    void shapesIgnorePlaceholderNames() {
        KeyShape ab = KeyTemplate.parse("{a}:{b}").shape();
        KeyShape xy = KeyTemplate.parse("{x.id}:{y}").shape();

        assertThat(ab).isEqualTo(xy).hasSameHashCodeAs(xy);
        assertThat(ab).isSameAs(xy);
    }

    @Test
    void shapesDifferByLiteralsOrPlaceholderCount() {
        KeyShape colon = KeyTemplate.parse("{a}:{b}").shape();

        assertThat(colon).isNotEqualTo(KeyTemplate.parse("{a}-{b}").shape());
        assertThat(colon).isNotEqualTo(KeyTemplate.parse("{a}:{b}:{c}").shape());
        assertThat(colon).isNotEqualTo(KeyTemplate.parse("u{a}:{b}").shape());
        assertThat(KeyTemplate.parse("{a}").shape())
                .isNotEqualTo(KeyTemplate.parse("{a}:").shape());
    }

    @Test
    void internReturnsTheSameInstanceForEqualLiterals() {
        assertThat(KeyShape.intern(List.of("user:", "")))
                .isSameAs(KeyTemplate.parse("user:{id}").shape());
        assertThat(KeyShape.intern(List.of("", ""))).isSameAs(KeyShape.SINGLE_VALUE);
        assertThat(KeyShape.ofParameters(2))
                .isSameAs(KeyTemplate.parse("{p}:{q}").shape());
    }

    @Test
    void toStringShowsTheSkeleton() {
        assertThat(KeyTemplate.parse("t{a}:{b.c}").shape()).hasToString("t{}:{}");
    }
}
