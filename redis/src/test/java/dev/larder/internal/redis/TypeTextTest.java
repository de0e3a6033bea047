package dev.larder.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeTextTest {
    private static final TypeFactory TYPES = TypeFactory.defaultInstance();

    @Test
    void arraysAtAnyDepthTypeArgumentsAndWildcards() {
        JavaType type = TypeText.parse(TYPES, "java.util.Map<java.lang.String, java.util.List<int[][]>[]>[]");
        assertThat(type.isArrayType()).isTrue();
        JavaType map = type.getContentType();
        assertThat(map.getRawClass()).isEqualTo(Map.class);
        JavaType lists = map.getContentType();
        assertThat(lists.isArrayType()).isTrue();
        assertThat(lists.getContentType().getRawClass()).isEqualTo(List.class);
        assertThat(lists.getContentType().getContentType().getRawClass()).isEqualTo(int[][].class);
        assertThat(TypeText.parse(TYPES, "java.util.List<? extends java.lang.Number>"))
                .isEqualTo(TYPES.constructCollectionType(List.class, Number.class));
        assertThat(TypeText.parse(TYPES, "java.util.List<? super java.lang.Integer>"))
                .isEqualTo(TYPES.constructCollectionType(List.class, Object.class));
        assertThat(TypeText.parse(TYPES, "java.util.Map$Entry<java.lang.String, ?>")
                        .getRawClass())
                .isEqualTo(Map.Entry.class);
        assertThat(TypeText.parse(TYPES, "long").getRawClass()).isEqualTo(long.class);
    }

    @Test
    void textThatIsNoTypeSaysWhere() {
        assertThatThrownBy(() -> TypeText.parse(TYPES, "java.util.List<java.lang.String"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not a type at its end: java.util.List<java.lang.String");
        assertThatThrownBy(() -> TypeText.parse(TYPES, "int[x]")).hasMessage("Not a type at 'x]': int[x]");
        assertThatThrownBy(() -> TypeText.parse(TYPES, "com.example.Gone<java.lang.String>"))
                .hasMessage("Cannot load class com.example.Gone of type com.example.Gone<java.lang.String>");
    }
}
