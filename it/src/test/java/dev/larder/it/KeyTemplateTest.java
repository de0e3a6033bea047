package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.it.fixtures.Order;
import dev.larder.it.fixtures.Tenant;
import dev.larder.it.fixtures.User;
import dev.larder.it.fixtures.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Key templates: property paths, literal text, the default key, and keys compared by value. */
class KeyTemplateTest {
    private UserService users;

    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
        users = Fixtures.create(UserService.class);
    }

    @Test
    void getterPathKeysByThePropertyOnly() {
        String first = users.profile(new User(7, "Ada", true));

        assertThat(users.profile(new User(7, "Ada Lovelace", false))).isEqualTo(first);
        assertThat(users.profile(new User(8, "Ada", true))).isNotEqualTo(first);
        assertThat(users.runs()).isEqualTo(2);
    }

    @Test
    void isGetterPathKeysByTheBooleanProperty() {
        String active = users.banner(new User(1, "Ann", true));

        assertThat(users.banner(new User(2, "Bob", true))).isEqualTo(active);
        assertThat(users.banner(new User(3, "Cy", false))).isNotEqualTo(active);
        assertThat(users.runs()).isEqualTo(2);
    }

    @Test
    void recordAccessorAndGetterInOneTemplateWithLiteralText() {
        String first = users.settings(new Tenant("acme", "eu"), new User(7, "Ada", true));

        assertThat(users.settings(new Tenant("acme", "us"), new User(7, "Other", false)))
                .isEqualTo(first);
        assertThat(users.settings(new Tenant("globex", "eu"), new User(7, "Ada", true)))
                .isNotEqualTo(first);
        assertThat(users.settings(new Tenant("acme", "eu"), new User(8, "Ada", true)))
                .isNotEqualTo(first);
        assertThat(users.runs()).isEqualTo(3);
    }

    @Test
    void templateKeyMatchesTheKeyPartsGivenToTheApi() {
        users.settings(new Tenant("acme", "eu"), new User(7, "Ada", true));

        Larder.invalidate("UserService.settings", "acme", 7L);

        users.settings(new Tenant("acme", "eu"), new User(7, "Ada", true));
        assertThat(users.runs()).isEqualTo(2);
    }

    @Test
    void publicFieldPathKeysByTheField() {
        String first = users.invoice(new Order("INV-1", new User(1, "Ann", true)));

        assertThat(users.invoice(new Order("INV-1", null))).isEqualTo(first);
        assertThat(users.invoice(new Order("INV-2", null))).isNotEqualTo(first);
        assertThat(users.runs()).isEqualTo(2);
    }

    @Test
    void nestedPathFollowsEveryStep() {
        String first = users.customerOf(new Order("A", new User(5, "Eve", true)));

        assertThat(users.customerOf(new Order("B", new User(5, "Eve", false)))).isEqualTo(first);
        assertThat(users.customerOf(new Order("C", new User(6, "Eve", true)))).isNotEqualTo(first);
        assertThat(users.runs()).isEqualTo(2);
    }

    @Test
    void nullAlongAPathMakesThatKeyPartNull() {
        String first = users.customerOf(new Order("A", null));

        assertThat(users.customerOf(new Order("B", null))).isEqualTo(first);
        assertThat(users.runs()).isEqualTo(1);
        Larder.invalidate("UserService.customerOf", (Object) null);
        users.customerOf(new Order("B", null));
        assertThat(users.runs()).isEqualTo(2);
    }

    @Test
    void separatorsInsideValuesNeverMakeTwoKeysEqual() {
        String first = users.label("a:b", "c");
        String second = users.label("a", "b:c");

        assertThat(second).isNotEqualTo(first);
        assertThat(users.label("a:b", "c")).isEqualTo(first);
        assertThat(users.label("a", "b:c")).isEqualTo(second);
        assertThat(users.runs()).isEqualTo(2);
    }

    @Test
    void defaultKeyIsEveryParameterInOrder() {
        users.label("x", "y");
        users.label("y", "x");
        assertThat(users.runs()).isEqualTo(2);

        Larder.invalidate("UserService.label", "x", "y");
        users.label("x", "y");
        users.label("y", "x");
        assertThat(users.runs()).isEqualTo(3);
    }
}
