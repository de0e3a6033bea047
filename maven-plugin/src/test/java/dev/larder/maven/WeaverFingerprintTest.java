package dev.larder.maven;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WeaverFingerprintTest {
    @Test
    void digestsTheWeaverModelAndRuntimeTheSameWayEachTime() {
        String first = WeaverFingerprint.of();
        assertThat(first).matches("[0-9a-f]{24}");
        assertThat(WeaverFingerprint.of()).isEqualTo(first);
    }
}
