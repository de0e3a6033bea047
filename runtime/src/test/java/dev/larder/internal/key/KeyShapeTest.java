package dev.larder.internal.key;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.model.KeyTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyShapeTest {

    @Test
    void shapesIgnorePlaceholderNames() {
        KeyShape ab = KeyShape.of(KeyTemplate.parse("{a}:{b}"));
        KeyShape xy = KeyShape.of(KeyTemplate.parse("{x.id}:{y}"));

        assertThat(ab).isEqualTo(xy).hasSameHashCodeAs(xy);
        assertThat(ab).isSameAs(xy);
    }

    @Test
    void shapesDifferByLiteralsOrPlaceholderCount() {
        KeyShape colon = KeyShape.of(KeyTemplate.parse("{a}:{b}"));

        assertThat(colon).isNotEqualTo(KeyShape.of(KeyTemplate.parse("{a}-{b}")));
        assertThat(colon).isNotEqualTo(KeyShape.of(KeyTemplate.parse("{a}:{b}:{c}")));
        assertThat(colon).isNotEqualTo(KeyShape.of(KeyTemplate.parse("u{a}:{b}")));
        assertThat(KeyShape.of(KeyTemplate.parse("{a}"))).isNotEqualTo(KeyShape.of(KeyTemplate.parse("{a}:")));
    }

    @Test
    void internReturnsTheSameInstanceForEqualLiterals() {
        assertThat(KeyShape.intern(List.of("user:", ""))).isSameAs(KeyShape.of(KeyTemplate.parse("user:{id}")));
        assertThat(KeyShape.intern(List.of("", ""))).isSameAs(KeyShape.SINGLE_VALUE);
        assertThat(KeyShape.ofParameters(2)).isSameAs(KeyShape.of(KeyTemplate.parse("{p}:{q}")));
    }

    @Test
    void toStringShowsTheSkeleton() {
        assertThat(KeyShape.of(KeyTemplate.parse("t{a}:{b.c}"))).hasToString("t{}:{}");
    }
}
