package dev.larder.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CacheVersionsTest {
    @Test
    void aCacheWithoutVersionKeepsItsName() {
        assertThat(CacheVersions.remoteName("books", null)).isEqualTo("books");
        assertThat(CacheVersions.remoteName("books", "2")).isEqualTo("books@2");
    }

    @Test
    void aCacheNamedWithAnAtSignNeverSharesTheNameOfAnotherCacheAtAVersion() {
        assertThat(CacheVersions.remoteName("a@b", null))
                .isEqualTo("a@@b")
                .isNotEqualTo(CacheVersions.remoteName("a", "b"));
        assertThat(CacheVersions.remoteName("a@b", "c")).isEqualTo("a@@b@c");
    }
}
