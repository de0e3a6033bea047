package dev.larder.samples;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** In a JVM with no weaver, as surefire runs it: only compile-time mode may start. */
class WeavingCheckTest {
    @Test
    void compileTimeModeStartsWhenCatalogIsNotWoven() {
        WeavingCheck.require(LarderMode.COMPILE_TIME);
    }

    @Test
    void wovenModesFailWithHowToRunThemWhenCatalogIsNotWoven() {
        assertThatThrownBy(() -> WeavingCheck.require(LarderMode.LOAD_TIME))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("-javaagent:");
        assertThatThrownBy(() -> WeavingCheck.require(LarderMode.BUILD_TIME))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Catalog's class file is not woven");
    }
}
