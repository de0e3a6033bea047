package dev.larder.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Spring's key expressions as Larder key templates, and what is refused. */
class SpelKeysTest {
    private static ForeignMethod method(boolean namesKnown) {
        return new ForeignMethod(
                "com.acme.Books#find(String,int)",
                "com.acme.Books",
                "find",
                List.of("isbn", "edition"),
                namesKnown,
                List.of("java.lang.String", "int"),
                List.of(List.of(), List.of()),
                true,
                List.of(),
                List.of());
    }

    private static String template(String expression) {
        return SpelKeys.template(method(true), expression, true);
    }

    @Test
    void namesPropertiesAndPositionsBecomePlaceholders() {
        assertThat(template("#isbn")).isEqualTo("{isbn}");
        assertThat(template("#isbn.length")).isEqualTo("{isbn.length}");
        assertThat(template("#p1")).isEqualTo("{edition}");
        assertThat(template("#a0")).isEqualTo("{isbn}");
        assertThat(template("#root.args[1]")).isEqualTo("{edition}");
        assertThat(template("#result.id")).isEqualTo("{result.id}");
    }

    @Test
    void literalsAndConcatenationBecomeText() {
        assertThat(template("'book:' + #isbn + ':' + #edition")).isEqualTo("book:{isbn}:{edition}");
        assertThat(template("#root.methodName + \"-\" + #p0")).isEqualTo("find-{isbn}");
        assertThat(template("'it''s'")).isEqualTo("it's");
        assertThat(template("#isbn + #edition")).isEqualTo("{isbn}{edition}");
    }

    @Test
    void numbersAddedInSpelAreRefused() {
        assertThatThrownBy(() -> template("#edition + #edition"))
                .hasMessageContaining("first '+' joins two values that are not text");
    }

    @Test
    void otherFormsAreRefusedSayingWhat() {
        assertThatThrownBy(() -> template("#isbn.toUpperCase()")).hasMessageContaining("'()' is not supported");
        assertThatThrownBy(() -> template("#root.target")).hasMessageContaining("#root.target is not supported");
        assertThatThrownBy(() -> template("T(java.util.UUID).randomUUID()")).hasMessageContaining("is not supported");
        assertThatThrownBy(() -> template("#p2")).hasMessageContaining("#p2 names no parameter: the method has 2");
        assertThatThrownBy(() -> template("#title")).hasMessageContaining("#title names no parameter");
        assertThatThrownBy(() -> template("'{x}'")).hasMessageContaining("'{' or '}'");
        assertThatThrownBy(() -> template("'open")).hasMessageContaining("not closed");
    }

    @Test
    void resultOnlyWhereItExists() {
        assertThatThrownBy(() -> SpelKeys.template(method(true), "#result", false))
                .hasMessageContaining("#result does not exist here");
    }

    @Test
    void namesNeedRecordedParameterNamesButPositionsDoNot() {
        assertThat(SpelKeys.template(method(false), "#p0", false)).isEqualTo("{isbn}");
        assertThatThrownBy(() -> SpelKeys.template(method(false), "#isbn", false))
                .hasMessageContaining("#isbn needs parameter names")
                .hasMessageContaining("-parameters");
    }
}
