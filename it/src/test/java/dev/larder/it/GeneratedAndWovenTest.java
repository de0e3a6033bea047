package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.it.fixtures.Catalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The class the annotation processor generates, in every mode: where the agent or the build plugin weaves the
 * application's classes too, they leave the generated class as it is (weaving it would cache its calls twice, and its
 * own load would find the woven one in flight on its thread), and the fixture it extends caches once.
 */
class GeneratedAndWovenTest {
    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
    }

    @Test
    void theGeneratedClassCachesOnceWhereverClassesAreWovenToo() throws ReflectiveOperationException {
        Catalog catalog = (Catalog) Class.forName(Catalog.class.getName() + "_Cached")
                .getDeclaredConstructor()
                .newInstance();
        assertThat(catalog.find(1)).isEqualTo("book #1 1st");
        assertThat(catalog.find(1)).isEqualTo("book #1 1st");
        assertThat(catalog.findByIdRuns()).isEqualTo(1);
    }
}
