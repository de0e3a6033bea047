package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.larder.Larder;
import dev.larder.it.fixtures.jcache.JCacheNames;
import dev.larder.it.fixtures.jcache.JCacheShelf;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JCache's (JSR-107) semantics on a fixture carrying only JCache's annotations, woven by the agent ({@code
 * jcache=true}) or the plugin ({@code <jcache>true</jcache>}); the generated mode skips it.
 */
class JCacheTest {
    private JCacheShelf shelf;

    @BeforeEach
    void freshCaches() {
        assumeTrue(Fixtures.mode() == Fixtures.Mode.WOVEN, "JCache's annotations are woven, not generated");
        LarderSetup.fresh();
        shelf = new JCacheShelf();
        shelf.putSource(1, "Dune");
        shelf.putSource(2, "Emma");
    }

    @Test
    void cacheResultRunsOncePerKeyInTheDefaultsCache() {
        assertThat(shelf.find(1)).isEqualTo("Dune");
        assertThat(shelf.find(1)).isEqualTo("Dune");
        assertThat(shelf.find(2)).isEqualTo("Emma");

        assertThat(shelf.runs()).isEqualTo(2);
        assertThat(Larder.stats()).containsKey("jshelf");
    }

    @Test
    void cacheKeyParametersAloneMakeTheKey() {
        assertThat(shelf.pair("a", 1)).isEqualTo("a/1");
        assertThat(shelf.pair("a", 2)).isEqualTo("a/1");

        assertThat(shelf.runs()).isEqualTo(1);
    }

    @Test
    void nullResultsAreNotCached() {
        shelf.nullable("x");
        shelf.nullable("x");

        assertThat(shelf.runs()).isEqualTo(2);
    }

    @Test
    void skipGetAlwaysRunsAndStores() {
        shelf.find(1);
        shelf.putSource(1, "Dune II");

        assertThat(shelf.reload(1)).isEqualTo("Dune II");
        assertThat(shelf.reload(1)).isEqualTo("Dune II");

        assertThat(shelf.find(1)).isEqualTo("Dune II");
        assertThat(shelf.runs()).isEqualTo(3);
    }

    @Test
    void cachePutStoresTheCacheValueUnderTheOtherParameters() {
        shelf.find(1);

        shelf.store(1, "Dune Messiah");

        assertThat(shelf.find(1)).isEqualTo("Dune Messiah");
        assertThat(shelf.runs()).isEqualTo(1);
    }

    @Test
    void cacheRemoveAfterInvocationOnlyWhenTheMethodReturns() {
        shelf.find(1);
        shelf.putSource(1, "Dune II");
        IllegalStateException failure = new IllegalStateException("write refused");
        shelf.failWrites(failure);

        assertThatThrownBy(() -> shelf.remove(1)).isSameAs(failure);
        assertThat(shelf.find(1)).isEqualTo("Dune");

        assertThatThrownBy(() -> shelf.removeFirst(1)).isSameAs(failure);
        assertThat(shelf.find(1)).isEqualTo("Dune II");

        shelf.failWrites(null);
        shelf.remove(1);
        assertThat(shelf.find(1)).isEqualTo("none");
    }

    @Test
    void cacheRemoveAllEmptiesTheCache() {
        shelf.find(1);
        shelf.find(2);

        shelf.clear();

        shelf.find(1);
        shelf.find(2);
        assertThat(shelf.runs()).isEqualTo(4);
    }

    @Test
    void defaultCacheNameIsTheSpecifications() {
        JCacheNames names = new JCacheNames();

        names.find("isbn", 2);
        names.find("isbn", 2);

        assertThat(names.runs()).isEqualTo(1);
        assertThat(Larder.stats()).containsKey("dev.larder.it.fixtures.jcache.JCacheNames.find(java.lang.String,long)");
    }
}
