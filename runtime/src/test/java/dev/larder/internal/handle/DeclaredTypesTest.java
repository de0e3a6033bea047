package dev.larder.internal.handle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.ValueType;
import dev.larder.model.CachedSpec;
import dev.larder.model.ResultKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeclaredTypesTest {
    private static final ClassLoader LOADER = DeclaredTypesTest.class.getClassLoader();

    /** A nested type, named in sites with a dot. */
    static class Outer {
        static class Inner {
            List<Inner> children(String name) {
                return List.of();
            }

            Optional<Outer> parent() {
                return Optional.empty();
            }
        }
    }

    private static CachedSpec spec(String site, ResultKind result, String returnType) {
        return CachedSpec.of(site, "c", "{name}", "").withResult(result).withReturnType(returnType);
    }

    @Test
    void of_returnTypeFromTheSpecIsUsedAsGiven() {
        ValueType type = DeclaredTypes.of(spec("no.Such#method()", ResultKind.VALUE, "java.util.List<a.B$C>"), LOADER);

        assertThat(type).isNotNull();
        assertThat(type.name()).isEqualTo("java.util.List<a.B$C>");
    }

    @Test
    void of_siteOfANestedTypeWrittenWithDotsIsFound() {
        String owner = Outer.Inner.class.getCanonicalName();

        ValueType children = DeclaredTypes.of(spec(owner + "#children(String)", ResultKind.VALUE, ""), LOADER);
        ValueType parent = DeclaredTypes.of(spec(owner + "#parent()", ResultKind.OPTIONAL, ""), LOADER);

        assertThat(children).isNotNull();
        assertThat(children.name()).isEqualTo("java.util.List<" + Outer.Inner.class.getName() + ">");
        assertThat(parent).isNotNull();
        assertThat(parent.name()).isEqualTo(Outer.class.getName());
    }

    @Test
    void load_unknownClassIsNull() {
        assertThat(DeclaredTypes.load("no.such.Type", LOADER)).isNull();
    }
}
