package dev.larder.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every contender really caches: a benchmark of a set-up that silently passes calls through would measure nothing. */
class LibraryTest {
    @ParameterizedTest
    @EnumSource(Library.class)
    void secondCallOfEachShapeIsServedFromTheCache(Library library) throws Exception {
        AtomicInteger loads = new AtomicInteger();
        Source counting = (id, tenant) -> {
            loads.incrementAndGet();
            return tenant + "/" + id;
        };
        try (Subject subject = library.open(counting)) {
            Lookup lookup = subject.lookup();
            for (int call = 0; call < 2; call++) {
                assertThat(lookup.byId(7)).isEqualTo("id/7");
                assertThat(lookup.byIdAndTenant(7, "acme")).isEqualTo("acme/7");
                assertThat(lookup.byUser(new User(7, "Ada"))).isEqualTo("user/7");
            }
        }
        assertThat(loads).hasValue(3);
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void differentKeysAreDifferentEntries(Library library) throws Exception {
        try (Subject subject = library.open(Source.TRIVIAL)) {
            Lookup lookup = subject.lookup();
            assertThat(lookup.byIdAndTenant(1, "a")).isEqualTo("a/1");
            assertThat(lookup.byIdAndTenant(1, "b")).isEqualTo("b/1");
            assertThat(lookup.byUser(new User(2, "x"))).isEqualTo("user/2");
            assertThat(lookup.byId(2)).isEqualTo("id/2");
        }
    }
}
