package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.it.fixtures.Lookups;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code cacheNull}: null results, and empty Optionals, are stored only when asked. */
class NullAndOptionalTest {
    private Lookups lookups;

    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
        lookups = Fixtures.create(Lookups.class);
    }

    @Test
    void nullResultIsReturnedButNotStoredByDefault() {
        assertThat(lookups.find("ghost")).isNull();
        assertThat(lookups.find("ghost")).isNull();
        assertThat(lookups.runs()).isEqualTo(2);

        lookups.put("ghost", "found");
        assertThat(lookups.find("ghost")).isEqualTo("found");
        assertThat(lookups.find("ghost")).isEqualTo("found");
        assertThat(lookups.runs()).isEqualTo(3);
    }

    @Test
    void nullResultIsStoredWithCacheNull() {
        assertThat(lookups.findCachingNull("ghost")).isNull();
        lookups.put("ghost", "found");

        assertThat(lookups.findCachingNull("ghost")).isNull();
        assertThat(lookups.runs()).isEqualTo(1);
    }

    @Test
    void emptyOptionalCountsAsNullAndIsNotStoredByDefault() {
        assertThat(lookups.lookup("ghost")).isEmpty();
        lookups.put("ghost", "found");

        assertThat(lookups.lookup("ghost")).contains("found");
        assertThat(lookups.lookup("ghost")).contains("found");
        assertThat(lookups.runs()).isEqualTo(2);
    }

    @Test
    void emptyOptionalIsStoredWithCacheNullAndStillReturnedAsEmpty() {
        assertThat(lookups.lookupCachingEmpty("ghost")).isNotNull().isEmpty();
        lookups.put("ghost", "found");

        assertThat(lookups.lookupCachingEmpty("ghost")).isNotNull().isEmpty();
        assertThat(lookups.runs()).isEqualTo(1);
    }

    @Test
    void presentOptionalIsStored() {
        lookups.put("key", "value");
        assertThat(lookups.lookup("key")).contains("value");
        lookups.put("key", "changed");

        assertThat(lookups.lookup("key")).contains("value");
        assertThat(lookups.runs()).isEqualTo(1);
    }

    @Test
    void concurrentNullLoadsReturnNullToEveryCaller() {
        assertThat(Concurrently.run(32, () -> String.valueOf(lookups.find("ghost"))))
                .containsOnly("null");
    }
}
