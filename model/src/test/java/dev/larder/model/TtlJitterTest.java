package dev.larder.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TtlJitterTest {

    @Test
    void parse_percentagesFromZeroToHundred() {
        assertThat(TtlJitter.parse("10%")).isEqualTo(0.1);
        assertThat(TtlJitter.parse("2.5%")).isEqualTo(0.025);
        assertThat(TtlJitter.parse("0%")).isZero();
        assertThat(TtlJitter.parse("0")).isZero();
        assertThat(TtlJitter.parse("100%")).isEqualTo(1.0);
    }

    @Test
    void parse_refusesWhatIsNotAPercentageNamingTheTextAndWhatIsAllowed() {
        for (String bad :
                new String[] {"10", "0.1", "101%", "-5%", "%", "1e1%", "NaN%", "10 %", ".5%", "5.%", "ten%"}) {
            assertThatThrownBy(() -> TtlJitter.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining(TtlJitter.ALLOWED);
        }
    }

    @Test
    void format_readsBack() {
        assertThat(TtlJitter.format(0.1)).isEqualTo("10%");
        assertThat(TtlJitter.parse(TtlJitter.format(0.025))).isEqualTo(0.025);
    }

    @Test
    void spec_refusesAFractionOutsideZeroToOne() {
        assertThatThrownBy(() -> new WriteSpec("a#b()", "c", "", null, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a#b()")
                .hasMessageContaining("ttlJitter");
    }
}
