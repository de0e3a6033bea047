package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.it.fixtures.Catalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Overloads never share entries: each has its own cache, named with its parameter types. */
class OverloadTest {
    private Catalog catalog;

    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
        catalog = Fixtures.create(Catalog.class);
    }

    @Test
    void overloadsWithEqualLookingArgumentsDoNotShareEntries() {
        assertThat(catalog.find(1)).isEqualTo("book #1 1st");
        assertThat(catalog.find("1")).isEqualTo("book '1' 1st");
        assertThat(catalog.find(1)).isEqualTo("book #1 1st");
        assertThat(catalog.find("1")).isEqualTo("book '1' 1st");

        assertThat(catalog.findByIdRuns()).isEqualTo(1);
        assertThat(catalog.findByNameRuns()).isEqualTo(1);
    }

    @Test
    void overloadCacheNamesCarryTheParameterTypes() {
        catalog.find(1);
        catalog.find("1");
        catalog.find("shelf", 1);
        catalog.describe(1);

        assertThat(Larder.stats())
                .containsKeys(
                        "Catalog.find(int)", "Catalog.find(String)", "Catalog.find(String,int)", "Catalog.describe");
        assertThat(Larder.stats("Catalog.find(int)").size()).isEqualTo(LarderSetup.localSize(1));
    }

    @Test
    void invalidatingOneOverloadLeavesTheOthers() {
        catalog.find(1);
        catalog.find("1");
        catalog.edition("2nd");

        Larder.invalidate("Catalog.find(int)", 1);

        assertThat(catalog.find(1)).isEqualTo("book #1 2nd");
        assertThat(catalog.find("1")).isEqualTo("book '1' 1st");
    }

    @Test
    void twoParameterOverloadKeysByBothParameters() {
        catalog.find("a", 1);
        catalog.find("a", 2);
        catalog.find("a", 1);

        assertThat(catalog.findByShelfRuns()).isEqualTo(2);
        Larder.invalidate("Catalog.find(String,int)", "a", 1);
        catalog.find("a", 1);
        assertThat(catalog.findByShelfRuns()).isEqualTo(3);
    }
}
