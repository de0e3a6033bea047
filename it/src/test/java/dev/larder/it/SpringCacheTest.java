package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.larder.it.fixtures.spring.Book;
import dev.larder.it.fixtures.spring.SpringShelf;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spring Cache's semantics on a fixture carrying only Spring's annotations, woven by the agent ({@code spring=true})
 * or the plugin ({@code <spring>true</spring>}); the processor does not read Spring's annotations, so the generated
 * mode skips it.
 */
class SpringCacheTest {
    private SpringShelf shelf;

    @BeforeEach
    void freshCaches() {
        assumeTrue(Fixtures.mode() == Fixtures.Mode.WOVEN, "Spring's annotations are woven, not generated");
        LarderSetup.fresh();
        shelf = new SpringShelf();
        shelf.putSource(1, "Dune");
        shelf.putSource(2, "Emma");
    }

    @Test
    void cacheableRunsOncePerKeyInTheClassCache() {
        assertThat(shelf.find(1)).isEqualTo("Dune");
        assertThat(shelf.find(1)).isEqualTo("Dune");
        assertThat(shelf.find(2)).isEqualTo("Emma");

        assertThat(shelf.runs()).isEqualTo(2);
        assertThat(dev.larder.Larder.stats()).containsKey("shelf");
    }

    @Test
    void selfInvocationIsCached() {
        assertThat(shelf.findTwice(1)).isEqualTo("Dune");

        assertThat(shelf.runs()).isEqualTo(1);
    }

    @Test
    void defaultKeyIsEveryParameterAndNoneIsOneKey() {
        shelf.pair("a", 1);
        shelf.pair("a", 1);
        shelf.pair("a", 2);
        shelf.count();
        shelf.count();

        assertThat(shelf.runs()).isEqualTo(3);
    }

    @Test
    void keyExpressionsReadPropertiesPositionsAndTheMethodName() {
        assertThat(shelf.describe(new Book(1, "Dune"))).isEqualTo("Dune #1");
        assertThat(shelf.describe(new Book(1, "other title"))).isEqualTo("Dune #1");
        assertThat(shelf.positional("top", 3, "x")).isEqualTo("top:3 x");
        assertThat(shelf.positional("top", 3, "y")).isEqualTo("top:3 x");
        assertThat(shelf.rooted("c")).isEqualTo("rooted c");
        assertThat(shelf.rooted("c")).isEqualTo("rooted c");

        assertThat(shelf.runs()).isEqualTo(3);
    }

    @Test
    void nullIsCachedUnlessTheResultIsNullIsSaid() {
        shelf.nullable("x");
        shelf.nullable("x");
        assertThat(shelf.runs()).isEqualTo(1);

        shelf.nullableUnlessNull("x");
        shelf.nullableUnlessNull("x");
        assertThat(shelf.runs()).isEqualTo(3);
    }

    @Test
    void cachePutStoresTheResultUnderTheKey() {
        shelf.find(1);

        assertThat(shelf.rename(1, "Dune Messiah")).isEqualTo("Dune Messiah");

        assertThat(shelf.find(1)).isEqualTo("Dune Messiah");
        assertThat(shelf.runs()).isEqualTo(1);
    }

    @Test
    void cachePutKeyCanReadTheResult() {
        shelf.save(new Book(5, "Kim"));

        assertThat(shelf.book(5)).isEqualTo(new Book(5, "Kim"));
        assertThat(shelf.runs()).isZero();
    }

    @Test
    void cacheEvictRemovesTheKeyAfterTheMethodReturns() {
        shelf.find(1);
        shelf.find(2);
        shelf.putSource(1, "Dune II");

        shelf.remove(2);

        assertThat(shelf.find(1)).isEqualTo("Dune");
        assertThat(shelf.find(2)).isEqualTo("none");
        assertThat(shelf.runs()).isEqualTo(3);
    }

    @Test
    void cacheEvictAfterKeepsTheEntryWhenTheMethodThrowsAndBeforeInvocationDoesNot() {
        shelf.find(1);
        shelf.putSource(1, "Dune II");
        IllegalStateException failure = new IllegalStateException("write refused");
        shelf.failWrites(failure);

        assertThatThrownBy(() -> shelf.remove(1)).isSameAs(failure);
        assertThat(shelf.find(1)).isEqualTo("Dune");

        assertThatThrownBy(() -> shelf.removeFirst(1)).isSameAs(failure);
        assertThat(shelf.find(1)).isEqualTo("Dune II");
    }

    @Test
    void allEntriesEmptiesTheCache() {
        shelf.find(1);
        shelf.find(2);

        shelf.clear();

        shelf.find(1);
        shelf.find(2);
        assertThat(shelf.runs()).isEqualTo(4);
    }

    @Test
    void cachingEvictsFromEachCacheAndSeveralNamesEvictFromEach() {
        shelf.find(1);
        shelf.label(1);

        shelf.forget(1);
        shelf.find(1);
        shelf.label(1);
        assertThat(shelf.runs()).isEqualTo(4);

        shelf.clearBoth();
        shelf.find(1);
        shelf.label(1);
        assertThat(shelf.runs()).isEqualTo(6);
    }
}
