package dev.larder.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.model.ForeignMethod.Translation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spring Cache's and JCache's annotations as Larder declarations: names, keys, defaults. */
class ForeignAnnotationsTest {
    private static ForeignMethod method(
            List<ForeignAnnotation> annotations, List<ForeignAnnotation> typeAnnotations, List<List<String>> params) {
        return new ForeignMethod(
                "com.acme.Books#find(String,int)",
                "com.acme.Books",
                "find",
                List.of("isbn", "edition"),
                true,
                List.of("java.lang.String", "int"),
                params,
                true,
                annotations,
                typeAnnotations);
    }

    private static ForeignAnnotation spring(String simple, Map<String, Object> values) {
        return new ForeignAnnotation(SpringCache.PACKAGE + simple, values);
    }

    private static ForeignAnnotation jcache(String simple, Map<String, Object> values) {
        return new ForeignAnnotation(JCache.PACKAGE + simple, values);
    }

    @Test
    void cacheableTakesTheClassCacheAndSpringsDefaultKeyAndCachesNull() {
        Translation t = SpringCache.translate(method(
                List.of(spring("Cacheable", Map.of())),
                List.of(spring("CacheConfig", Map.of("cacheNames", List.of("books")))),
                List.of(List.of(), List.of())));

        assertThat(t.problems()).isEmpty();
        assertThat(t.declarations())
                .containsExactly(new Declaration("Cached", Map.of("cache", "books", "cacheNull", "true")));
    }

    @Test
    void cachingUnpacksAndEvictNamesEachCache() {
        ForeignAnnotation evict = spring("CacheEvict", Map.of("value", List.of("a", "b"), "key", "#isbn"));
        Translation t = SpringCache.translate(method(
                List.of(spring("Caching", Map.of("evict", List.of(evict)))), List.of(), List.of()));

        assertThat(t.declarations())
                .extracting(d -> d.string("cache") + " " + d.string("key"))
                .containsExactly("a {isbn}", "b {isbn}");
    }

    @Test
    void jcacheDefaultNameAndKeyAreTheSpecifications() {
        Translation t = JCache.translate(
                method(List.of(jcache("CacheResult", Map.of())), List.of(), List.of(List.of(), List.of())));

        assertThat(t.declarations())
                .containsExactly(new Declaration(
                        "Cached",
                        Map.of(
                                "cache", "com.acme.Books.find(java.lang.String,int)",
                                "key", "{isbn}:{edition}",
                                "cacheNull", "false")));
    }

    @Test
    void jcachePutKeysOnTheOtherParametersAndStoresTheCacheValue() {
        Translation t = JCache.translate(method(
                List.of(jcache("CachePut", Map.of())),
                List.of(jcache("CacheDefaults", Map.of("cacheName", "books"))),
                List.of(List.of(), List.of(JCache.PACKAGE + "CacheValue"))));

        assertThat(t.declarations())
                .containsExactly(new Declaration(
                        "WriteThrough", Map.of("cache", "books", "key", "{isbn}", "value", "{edition}")));
    }

    @Test
    void jcacheCacheKeyParametersAloneMakeTheKey() {
        Translation t = JCache.translate(method(
                List.of(jcache("CacheRemove", Map.of("cacheName", "books"))),
                List.of(),
                List.of(List.of(), List.of(JCache.PACKAGE + "CacheKey"))));

        assertThat(t.declarations())
                .containsExactly(
                        new Declaration("Invalidate", Map.of("cache", "books", "key", "{edition}", "before", "false")));
    }
}
