package dev.larder.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyTemplateTest {

    @Test
    void parseSplitsLiteralsAndPlaceholders() {
        KeyTemplate template = KeyTemplate.parse("t:{tenant.id}:{user.id}!");

        assertThat(template.segments())
                .containsExactly(
                        new Literal("t:"),
                        Placeholder.of("tenant", "id"),
                        new Literal(":"),
                        Placeholder.of("user", "id"),
                        new Literal("!"));
        assertThat(template.placeholders()).extracting(Placeholder::text).containsExactly("tenant.id", "user.id");
        assertThat(template.text()).isEqualTo("t:{tenant.id}:{user.id}!");
        assertThat(template.literals()).containsExactly("t:", ":", "!");
    }

    @Test
    void placeholderExposesRootAndProperties() {
        Placeholder placeholder =
                KeyTemplate.parse("{user.address.city}").placeholders().get(0);

        assertThat(placeholder.root()).isEqualTo("user");
        assertThat(placeholder.properties()).containsExactly("address", "city");
        assertThat(placeholder.isResult()).isFalse();
    }

    @Test
    void singleValueMeansOnePlaceholderAndNoLiteral() {
        assertThat(KeyTemplate.parse("{id}").isSingleValue()).isTrue();
        assertThat(KeyTemplate.parse("{user.id}").isSingleValue()).isTrue();
        assertThat(KeyTemplate.parse("user:{id}").isSingleValue()).isFalse();
        assertThat(KeyTemplate.parse("{a}{b}").isSingleValue()).isFalse();
        assertThat(KeyTemplate.parse("all").isSingleValue()).isFalse();
    }

    @Test
    void usesResultWhenAnyPlaceholderStartsWithResult() {
        assertThat(KeyTemplate.parse("{result.id}").usesResult()).isTrue();
        assertThat(KeyTemplate.parse("{id}:{result}").usesResult()).isTrue();
        assertThat(KeyTemplate.parse("{id}:{results}").usesResult()).isFalse();
    }

    @Test
    void defaultTemplateJoinsParametersWithColons() {
        KeyTemplate template = KeyTemplate.ofParameters(List.of("tenant", "id"));

        assertThat(template.text()).isEqualTo("{tenant}:{id}");
        assertThat(template).isEqualTo(KeyTemplate.parse("{tenant}:{id}"));
        assertThat(KeyTemplate.ofParameters(List.of("id")).text()).isEqualTo("{id}");
        assertThat(KeyTemplate.ofParameters(List.of("id")).isSingleValue()).isTrue();
    }

    @Test
    void defaultTemplateOfNoParametersIsOneConstantKey() {
        KeyTemplate template = KeyTemplate.ofParameters(List.of());

        assertThat(template.text()).isEmpty();
        assertThat(template.segments()).isEmpty();
        assertThat(template.placeholders()).isEmpty();
        assertThat(template.literals()).containsExactly("");
    }

    @Test
    void ofResolvesEmptyAnnotationKeyToDefault() {
        assertThat(KeyTemplate.of("", List.of("a", "b")).text()).isEqualTo("{a}:{b}");
        assertThat(KeyTemplate.of("{b}", List.of("a", "b")).text()).isEqualTo("{b}");
    }

    @Test
    void parseRejectsEmptyTemplateAndPointsToDefault() {
        assertThatThrownBy(() -> KeyTemplate.parse(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ofParameters");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "user:{id|5|'{' without a matching '}'",
                "user:id}|7|'}' without a matching '{'",
                "{a}}|3|'}' without a matching '{'",
                "{}|0|empty placeholder '{}'",
                "x{a{b}}|3|'{' inside a placeholder",
                "{a..b}|3|empty path element",
                "{.a}|1|empty path element",
                "{a.}|3|empty path element",
                "{a b}|2|'a b' is not a Java identifier",
                "{user.1st}|6|'1st' is not a Java identifier",
                "{user-id}|5|'user-id' is not a Java identifier",
            })
    void parseRejectsSyntaxErrorsNamingTemplatePositionAndWhatIsAllowed(String text, int index, String problem) {
        assertThatThrownBy(() -> KeyTemplate.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"")
                .hasMessageContaining("at index " + index + ": " + problem)
                .hasMessageContaining("each name is a Java identifier")
                .hasMessageContaining("a literal '{' or '}' is not supported");
    }

    @Test
    void literalOnlyTemplateHasNoPlaceholders() {
        KeyTemplate template = KeyTemplate.parse("all-users");

        assertThat(template.placeholders()).isEmpty();
        assertThat(template.literals()).containsExactly("all-users");
    }
}
