package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.it.fixtures.Configured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @CacheDefaults}: the type's cache name and TTL apply unless a method sets its own. */
class DefaultsTest {
    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
    }

    @Test
    void methodsUseTheTypesDefaultCacheName() {
        Configured.Settings settings = Fixtures.create(Configured.Settings.class);
        settings.value("theme");
        settings.version(2);

        Larder.invalidate("settings", "theme");

        assertThat(settings.value("theme")).isEqualTo("theme v2");
    }

    @Test
    void methodsUseTheTypesDefaultTtlAndTheirOwnWins() {
        Configured.Settings settings = Fixtures.create(Configured.Settings.class);
        settings.value("theme");
        settings.flag("beta");
        settings.version(2);

        Eventually.returns("theme v2", () -> settings.value("theme"));

        assertThat(settings.flag("beta")).isEqualTo("flag beta v1");
        Larder.invalidate("flags", "beta");
        assertThat(settings.flag("beta")).isEqualTo("flag beta v2");
    }

    @Test
    void defaultTtlAloneKeepsEachMethodsOwnCacheName() {
        Configured.Limits limits = Fixtures.create(Configured.Limits.class);
        String first = limits.max("rate");
        assertThat(limits.max("rate")).isEqualTo(first);

        Larder.invalidate("Limits.max", "rate");
        assertThat(limits.max("rate")).isNotEqualTo(first);

        String second = limits.max("rate");
        Eventually.until(
                "the 300 ms default TTL to expire", () -> !limits.max("rate").equals(second));
        assertThat(limits.runs()).isEqualTo(3);
    }
}
