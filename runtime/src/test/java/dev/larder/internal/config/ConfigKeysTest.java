package dev.larder.internal.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.ConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigKeysTest {

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"a b", "a\tb", "a\nb", "a\u000Bb", "a\fb", "a\rb", " "})
    void namesRejectAsciiWhitespace(String name) {
        assertThatThrownBy(() -> ConfigKeys.check(ConfigKeys.NAMESPACE, name, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("expected a non-empty name without whitespace");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"shop", "a\u00A0b", "caf\u00E9"})
    void namesAcceptOtherCharacters(String name) {
        assertThatCode(() -> ConfigKeys.check(ConfigKeys.NAMESPACE, name, null)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"0", "", "+5", "-5", "\u0665", "2147483648", "1 "})
    void positiveIntsAreAsciiDigitsFromOne(String value) {
        assertThatThrownBy(() -> ConfigKeys.check(ConfigKeys.LOCAL_MAX_SIZE, value, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("expected a whole number from 1 to 2147483647");
    }
}
