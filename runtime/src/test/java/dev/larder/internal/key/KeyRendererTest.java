package dev.larder.internal.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.internal.key.Fixtures.Address;
import dev.larder.internal.key.Fixtures.Hidden;
import dev.larder.internal.key.Fixtures.Tenant;
import dev.larder.internal.key.Fixtures.User;
import dev.larder.model.KeyTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeyRendererTest {
    private static final List<String> NAMES = List.of("tenant", "user", "count");
    private static final List<Class<?>> TYPES = List.of(String.class, User.class, int.class);
    private static final User ALICE = new User(7, true, new Address("Oslo", new Tenant("t1")), "al");

    private static Object render(String template, Object[] args, Object result) {
        return KeyRenderer.compile(KeyTemplate.parse(template), NAMES, TYPES, Address.class)
                .render(args, result);
    }

    private static Object[] args(Object... args) {
        return args;
    }

    @Test
    void renderGivesTheKeyOfKeysOfForParameters() {
        KeyTemplate template = KeyTemplate.ofParameters(NAMES);
        Object key = KeyRenderer.compile(template, NAMES, TYPES, null).render(args("acme", ALICE, 3), null);

        assertThat(key).isEqualTo(Keys.of(KeyShape.of(template), "acme", ALICE, 3));
    }

    @Test
    void renderReadsPropertiesAndTheClassOfTheTarget() {
        KeyRenderer renderer = KeyRenderer.compile(
                KeyTemplate.parse("{this.address.city}:{this.class}:{count}"), NAMES, TYPES, null, User.class, "m");

        assertThat(renderer.render(ALICE, args("acme", null, 3), null))
                .isEqualTo(Keys.of(KeyShape.of(KeyTemplate.parse("{a}:{b}:{c}")), "Oslo", User.class.getName(), 3));
    }

    @Test
    void renderRefusesThisWithoutATargetType() {
        assertThatThrownBy(() -> KeyRenderer.compile(
                        KeyTemplate.parse("{this.id}"), NAMES, TYPES, null, null, "com.acme.Users#find(int)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("com.acme.Users#find(int)")
                .hasMessageContaining("the method is static");
    }

    @Test
    void renderOfSingleParameterIsTheValueItself() {
        assertThat(render("{tenant}", args("acme", ALICE, 3), null)).isEqualTo("acme");
        assertThat(render("{count}", args("acme", ALICE, 3), null)).isEqualTo(3);
    }

    @Test
    void renderFollowsGettersIsGettersRecordAccessorsAndPublicFields() {
        Object key =
                render("{user.id}:{user.active}:{user.address.city}:{user.nickname}", args("acme", ALICE, 3), null);

        assertThat(key)
                .isEqualTo(Keys.of(KeyShape.of(KeyTemplate.parse("{a}:{b}:{c}:{d}")), 7L, true, "Oslo", "al"))
                .hasToString("7:true:Oslo:al");
    }

    @Test
    void renderPrefersGetterOverRecordAccessor() {
        assertThat(render("{user.address.tenant.code}", args("acme", ALICE, 3), null))
                .isEqualTo("getter:t1");
    }

    @Test
    void renderGivesNullForANullAnywhereAlongThePath() {
        User homeless = new User(8, false, null, null);
        KeyShape shape = KeyShape.of(KeyTemplate.parse("{a}:{b}:{c}"));

        assertThat(render("{user.address.city}:{user.nickname}:{tenant}", args(null, homeless, 3), null))
                .isEqualTo(Keys.of(shape, null, null, null));
        assertThat(render("{user.address.city}", args("acme", null, 3), null)).isSameAs(Keys.NULL);
    }

    @Test
    void renderReadsTheResult() {
        Address result = new Address("Rome", new Tenant("t2"));
        KeyShape shape = KeyShape.of(KeyTemplate.parse("{a}/{b}"));

        assertThat(render("{tenant}/{result.city}", args("acme", ALICE, 3), result))
                .isEqualTo(Keys.of(shape, "acme", "Rome"));
        assertThat(render("{result}", args("acme", ALICE, 3), result)).isSameAs(result);
    }

    @Test
    void renderOfManyPartsMatchesVarargsKey() {
        Object key = render(
                "{tenant}:{count}:{user.id}:{result.city}:{user.active}", args("acme", ALICE, 3), ALICE.getAddress());

        assertThat(key)
                .isEqualTo(Keys.of(KeyShape.of(KeyTemplate.parse("{a}:{b}:{c}:{d}:{e}")), "acme", 3, 7L, "Oslo", true));
    }

    @Test
    void renderOfConstantTemplateIsTheConstantKey() {
        KeyTemplate template = KeyTemplate.ofParameters(List.of());

        assertThat(KeyRenderer.compile(template, List.of(), List.of(), String.class)
                        .render(new Object[0], "x"))
                .isSameAs(Keys.of(KeyShape.of(template)));
    }

    @Test
    void renderReadsAccessorsOfNonPublicRecords() {
        PathReader reader = PathReader.compile(List.of("h", "value"), List.of("h"), List.of(Hidden.class), null);

        assertThat(reader.read(args(new Hidden(5)), null)).isEqualTo(5);
    }

    @Test
    void renderDispatchesToTheRuntimeClassThroughTheDeclaredType() {
        PathReader reader = PathReader.compile(List.of("items", "empty"), List.of("items"), List.of(List.class), null);

        assertThat(reader.read(args(new ArrayList<>()), null)).isEqualTo(true);
        assertThat(reader.read(args(List.of(1)), null)).isEqualTo(false);
    }

    @Test
    void pathReaderReadsWriteValueTemplates() {
        PathReader user = PathReader.compile(List.of("user"), NAMES, TYPES, void.class);
        PathReader resultId = PathReader.compile(List.of("result", "id"), List.of(), List.of(), User.class);

        assertThat(user.read(args("acme", ALICE, 3), null)).isSameAs(ALICE);
        assertThat(resultId.read(new Object[0], ALICE)).isEqualTo(7L);
        assertThat(resultId.read(new Object[0], null)).isNull();
    }

    @Test
    void compileRejectsTemplatesThatDoNotFitWithTheValidatorsMessage() {
        assertThatThrownBy(() -> KeyRenderer.compile(
                        KeyTemplate.parse("{user.zip}:{result}"), NAMES, TYPES, null, "com.acme.Users#find"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("com.acme.Users#find: key template \"{user.zip}:{result}\"")
                .hasMessageContaining("no property 'zip'")
                .hasMessageContaining("uses {result}");
    }

    @Test
    void pathReaderRejectsMissingRootAndProperty() {
        assertThatThrownBy(() -> PathReader.compile(List.of("nobody"), NAMES, TYPES, null))
                .hasMessageContaining("'nobody', which is not a parameter")
                .hasMessageContaining("[tenant, user, count]");
        assertThatThrownBy(() -> PathReader.compile(List.of("user", "zip"), NAMES, TYPES, null))
                .hasMessageContaining("has no property 'zip'");
    }

    @Test
    void renderIsSafeUnderConcurrency() throws Exception {
        KeyRenderer renderer =
                KeyRenderer.compile(KeyTemplate.parse("{tenant}:{user.id}:{user.address.city}"), NAMES, TYPES, null);
        KeyShape shape = KeyShape.of(renderer.template());
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 10_000; i++) {
                        User user = new User(i, true, new Address("c" + thread, null), null);
                        Object key = renderer.render(args("t" + thread, user, i), null);
                        if (!key.equals(Keys.of(shape, "t" + thread, (long) i, "c" + thread))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            start.countDown();
            for (Future<Boolean> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
