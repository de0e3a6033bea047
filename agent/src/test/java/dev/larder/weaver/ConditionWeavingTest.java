package dev.larder.weaver;

import static dev.larder.weaver.Reflect.call;
import static dev.larder.weaver.Reflect.create;
import static dev.larder.weaver.Reflect.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code condition} and {@code unless} woven: static methods, the model's messages, and rules-file lines. */
class ConditionWeavingTest {
    private final List<String> problems = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        Larder.configure(LarderConfig.builder().set("larder.metrics", "none").build());
    }

    @AfterEach
    void tearDown() {
        Larder.shutdown();
    }

    private WeavingClassLoader loader(Rules rules) {
        return new WeavingClassLoader(
                "dev.larder.it.agent.", new LarderWeaver(rules, (type, errors) -> problems.addAll(errors)));
    }

    private static int runs(Object fixture) throws ReflectiveOperationException {
        return ((AtomicInteger) field(fixture, "runs")).get();
    }

    @Test
    void aStaticMethodTakesStaticConditions() throws Throwable {
        Class<?> type = loader(Rules.none()).loadClass("dev.larder.it.agent.Guarded");
        AtomicInteger runs = (AtomicInteger) type.getField("STATIC_RUNS").get(null);

        assertThat(call(type, "twice", 3)).isEqualTo(6);
        assertThat(call(type, "twice", 3)).isEqualTo(6);
        assertThat(runs.get()).as("cached: condition holds").isEqualTo(1);
        call(type, "twice", -3);
        call(type, "twice", -3);
        assertThat(runs.get()).as("declined: not positive").isEqualTo(3);
        assertThat(call(type, "twice", 60)).isEqualTo(120);
        assertThat(call(type, "twice", 60)).isEqualTo(120);
        assertThat(runs.get()).as("unless: above 100, not stored").isEqualTo(5);
        assertThat(Larder.stats("Guarded.twice").hits()).isEqualTo(1);
    }

    @Test
    void aMisspeltConditionIsTheModelsMessageAndTheMethodIsLeftAlone() throws Throwable {
        Object guarded = create(loader(Rules.none()), "dev.larder.it.agent.Guarded");

        assertThat(problems)
                .singleElement()
                .asString()
                .isEqualTo("dev.larder.it.agent.Guarded#typo(Long): @Cached(condition = \"isSavd\") must name a"
                        + " boolean method of Guarded taking (java.lang.Long), neither private nor static, declaring"
                        + " no checked exception, but there is no method isSavd; did you mean isSaved?");
        call(guarded, "typo", 1L);
        call(guarded, "typo", 1L);
        assertThat(runs(guarded)).isEqualTo(2);
    }

    @Test
    void aRulesLineMayNameConditionAndUnless() throws Throwable {
        Rules rules = Rules.parse(
                List.of("dev.larder.it.agent.Guarded#plain cached condition=isSaved unless=isBlank"), "rules");
        Object guarded = create(loader(rules), "dev.larder.it.agent.Guarded");

        assertThat(call(guarded, "plain", 1L)).isEqualTo("plain 1");
        assertThat(call(guarded, "plain", 1L)).isEqualTo("plain 1");
        assertThat(runs(guarded)).isEqualTo(1);
        call(guarded, "plain", new Object[] {null});
        call(guarded, "plain", new Object[] {null});
        assertThat(runs(guarded)).as("declined: no id").isEqualTo(3);
        call(guarded, "plain", 0L);
        call(guarded, "plain", 0L);
        assertThat(runs(guarded)).as("unless: blank, not stored").isEqualTo(5);
        assertThat(problems).filteredOn(p -> p.contains("#plain")).isEmpty();
    }

    @Test
    void aRulesLineNamingAMissingUnlessIsRefused() throws Exception {
        Rules rules = Rules.parse(List.of("dev.larder.it.agent.Guarded#plain cached unless=isBlnk"), "rules");
        create(loader(rules), "dev.larder.it.agent.Guarded");

        assertThat(problems)
                .filteredOn(p -> p.contains("#plain"))
                .singleElement()
                .asString()
                .contains("@Cached(unless = \"isBlnk\") must name a boolean method of Guarded taking"
                        + " (java.lang.String) or (java.lang.Long, java.lang.String)")
                .endsWith("did you mean isBlank?");
    }
}
