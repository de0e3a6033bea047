package dev.larder.weaver;

import static dev.larder.weaver.Reflect.call;
import static dev.larder.weaver.Reflect.create;
import static dev.larder.weaver.Reflect.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code cached-all} in a rules file: the weaver makes a plain method a bulk lookup sharing a single lookup's cache. */
class CachedAllRulesTest {
    private final List<String> problems = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        Larder.configure(LarderConfig.builder().set("larder.metrics", "none").build());
    }

    @AfterEach
    void tearDown() {
        Larder.shutdown();
    }

    private WeavingClassLoader loader(String... rules) {
        return new WeavingClassLoader(
                "dev.larder.it.agent.",
                new LarderWeaver(Rules.parse(List.of(rules), "rules"), (type, errors) -> problems.addAll(errors)));
    }

    @Test
    void rulesLineMakesABulkLookupSharingTheSingleLookupsEntries() throws Throwable {
        Object stock = create(
                loader(
                        "dev.larder.it.agent.Stock#level cached cache=stock",
                        "dev.larder.it.agent.Stock#levels cached-all cache=stock"),
                "dev.larder.it.agent.Stock");

        assertThat(call(stock, "level", 1L)).isEqualTo("level 1");
        Object levels = call(stock, "levels", ids(1, 2, -3));

        assertThat(levels).isEqualTo(Map.of(1L, "level 1", 2L, "level 2"));
        assertThat(call(stock, "levels", ids(2, 1))).isEqualTo(Map.of(1L, "level 1", 2L, "level 2"));
        assertThat(call(stock, "level", 2L)).isEqualTo("level 2");
        assertThat(((AtomicInteger) field(stock, "runs")).get()).isEqualTo(1);
        @SuppressWarnings("unchecked")
        List<Collection<Long>> calls = (List<Collection<Long>>) field(stock, "bulkCalls");
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0)).isInstanceOf(Set.class).containsExactly(2L, -3L);
        assertThat(problems).isEmpty();
    }

    @Test
    void rulesLineOnAMethodNotReturningAMapIsReported() throws Throwable {
        create(loader("dev.larder.it.agent.Stock#notAMap cached-all"), "dev.larder.it.agent.Stock");

        assertThat(problems)
                .anySatisfy(problem -> assertThat(problem)
                        .contains("dev.larder.it.agent.Stock#notAMap(Set): @CachedAll needs a method returning a Map"));
    }

    private static Set<Long> ids(long... ids) {
        Set<Long> set = new LinkedHashSet<>();
        for (long id : ids) {
            set.add(id);
        }
        return set;
    }
}
