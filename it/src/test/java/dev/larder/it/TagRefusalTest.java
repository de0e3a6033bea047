package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.larder.ConfigurationException;
import dev.larder.it.fixtures.Shelf;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tags are kept in one JVM, so the Redis backends refuse a tagged method rather than serve entries another JVM's
 * invalidation could not reach. Runs in the suite's Redis executions only ({@code it/pom.xml}); {@link TagTest} runs
 * in the local ones.
 */
class TagRefusalTest {
    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
    }

    @Test
    void taggedMethodOnRedisIsRefusedNamingTheCache() {
        assumeTrue(!LarderSetup.backend().equals("local"), "run alone with -Dtest: the local backends keep tags");
        Shelf shelf = Fixtures.create(Shelf.class);
        assertThatThrownBy(() -> shelf.book(1))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("larder.cache.shelfBooks.backend")
                .hasMessageContaining("tagged");
    }
}
