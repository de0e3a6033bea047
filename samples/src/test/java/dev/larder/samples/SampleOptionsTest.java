package dev.larder.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SampleOptionsTest {
    @Test
    void modeDefaultsToCompileTime() {
        assertThat(SampleOptions.parse(List.of()).mode()).isEqualTo(LarderMode.COMPILE_TIME);
    }

    @Test
    void modeFlagNamesEachMode() {
        for (LarderMode mode : LarderMode.values()) {
            assertThat(SampleOptions.parse(List.of("--mode", mode.flag())).mode())
                    .isEqualTo(mode);
        }
        assertThat(LarderMode.LOAD_TIME.flag()).isEqualTo("load-time");
    }

    @Test
    void unknownModeListsTheModes() {
        assertThatThrownBy(() -> SampleOptions.parse(List.of("--mode", "runtime")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--mode must be one of compile-time, build-time, load-time, was 'runtime'");
    }

    @Test
    void laterFlagWinsAndOthersKeepTheirDefaults() {
        SampleOptions o = SampleOptions.parse(List.of("--ops", "10", "--ops", "20", "--no-progress"));
        assertThat(o.operations()).isEqualTo(20);
        assertThat(o.threads()).isEqualTo(SampleOptions.defaults().threads());
        assertThat(o.progress()).isFalse();
    }
}
