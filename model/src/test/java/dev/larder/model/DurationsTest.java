package dev.larder.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "500ms, PT0.5S",
        "30s, PT30S",
        "10m, PT10M",
        "2h, PT2H",
        "1d, PT24H",
        "0ms, PT0S",
        "0s, PT0S",
        "007s, PT7S",
        "30S, PT30S",
        "500MS, PT0.5S",
        "500mS, PT0.5S",
        "2H, PT2H",
        "1D, PT24H",
        "PT10M, PT10M",
        "pt10m, PT10M",
        "P1D, PT24H",
        "PT0.25S, PT0.25S",
        "P1DT2H, PT26H",
        "106751d, PT2562024H"
    })
    void parsesShortAndIsoForms(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @Test
    void zeroMeansNoExpiry() {
        assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(
            strings = {
                "",
                " ",
                "5x",
                "10 m",
                " 10m",
                "10m ",
                "1.5s",
                "-5s",
                "+5s",
                "s",
                "ms",
                "10",
                "00",
                "1w",
                "10min",
                "PT",
                "P",
                "PT10",
                "1d2h",
                "5\u017F",
                "\u0665s",
                "ten seconds"
            })
    void rejectsWhatIsNotADurationNamingValueAndAllowed(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Durations.parse(text))
                .withMessage("'" + text + "' is not a duration: use a whole number followed by ms, s, m, h or d"
                        + " (500ms, 30s, 10m, 2h, 1d), an ISO-8601 duration such as PT10M, or 0 for no expiry");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"PT-5S", "-PT5S", "P-1D"})
    void rejectsNegativeIsoDurations(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Durations.parse(text))
                .withMessageStartingWith("'" + text + "' is negative")
                .withMessageContaining(Durations.ALLOWED);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"106752d", "99999999999999999999s", "9223372036854775807d", "PT9999999999999H"})
    void rejectsDurationsTooLongForNanosecondClocks(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Durations.parse(text))
                .withMessageStartingWith("'" + text + "' is too long a duration: the longest is 106751d");
    }

    @ParameterizedTest(name = "{0} formats as {1}")
    @CsvSource({
        "PT0S, 0",
        "PT0.5S, 500ms",
        "PT1.5S, 1500ms",
        "PT30S, 30s",
        "PT90S, 90s",
        "PT2M, 2m",
        "PT10M, 10m",
        "PT2H, 2h",
        "PT24H, 1d",
        "PT48H, 2d",
        "PT25H, 25h",
        "PT0.0000001S, PT0.0000001S",
        "PT-5S, PT-5S"
    })
    void formatsInTheLargestWholeUnit(String iso, String expected) {
        assertThat(Durations.format(Duration.parse(iso))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "500ms", "1500ms", "30s", "10m", "2h", "1d", "PT0.0000001S"})
    void formatReadsBack(String text) {
        Duration duration = Durations.parse(text);
        assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }
}
