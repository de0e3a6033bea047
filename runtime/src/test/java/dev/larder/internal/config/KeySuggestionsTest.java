package dev.larder.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggestionsTest {
    private final List<String> keys = ConfigKeys.globalKeys();

    @Test
    void suggestsTheKeyWithSwappedLetters() {
        assertThat(KeySuggestions.closest("larder.lcoal.maxSize", keys)).isEqualTo("larder.local.maxSize");
    }

    @Test
    void suggestsTheKeyDifferingOnlyInCase() {
        assertThat(KeySuggestions.closest("larder.redis.pOOLsize", keys)).isEqualTo("larder.redis.poolSize");
    }

    @Test
    void suggestsNothingForAnUnrelatedKey() {
        assertThat(KeySuggestions.closest("larder.compression", keys)).isNull();
    }
}
