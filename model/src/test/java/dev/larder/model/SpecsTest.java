package dev.larder.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Specs hold durations parsed once, where they are written, so binding a handle never parses one. */
class SpecsTest {
    private static final String SITE = "com.acme.Catalog#find(int)";

    @Test
    void aDurationThatIsNotOneFailsWhereTheSpecIsWrittenNamingTheSite() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CachedSpec.of(SITE, "Catalog.find", "{id}", "10 minutes"))
                .withMessageContaining(SITE)
                .withMessageContaining("10 minutes");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WriteBehindSpec(SITE, "c", "{id}", "", "soon", 100, true, 5))
                .withMessageContaining(SITE)
                .withMessageContaining("soon");
    }

    @Test
    void anUnsetTtlIsDistinctFromNoExpiry() {
        Object unset = CachedSpec.of(SITE, "c", "{id}", "").ttl();
        Object noExpiry = CachedSpec.of(SITE, "c", "{id}", "0").ttl();
        Object tenMinutes = new WriteSpec(SITE, "c", "{id}", "10m").ttl();

        assertThat(unset).isNull();
        assertThat(noExpiry).isEqualTo(Duration.ZERO);
        assertThat(tenMinutes).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aDelayIsParsed() {
        Object delay = new WriteBehindSpec(SITE, "c", "{id}", "", "250ms", 100, true, 5).delay();

        assertThat(delay).isEqualTo(Duration.ofMillis(250));
    }
}
