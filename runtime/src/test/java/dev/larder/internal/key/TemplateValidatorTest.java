package dev.larder.internal.key;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.internal.key.Fixtures.Address;
import dev.larder.internal.key.Fixtures.User;
import dev.larder.internal.key.Fixtures.Wide;
import dev.larder.model.KeyTemplate;
import dev.larder.model.TemplateValidator;
import dev.larder.model.TypeModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemplateValidatorTest {
    private static final String SITE = "com.acme.UserService#find(String,User)";

    private static Map<String, TypeModel> parameters(Object... namesAndTypes) {
        Map<String, TypeModel> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            parameters.put((String) namesAndTypes[i], ReflectiveTypeModel.of((Class<?>) namesAndTypes[i + 1]));
        }
        return parameters;
    }

    private static List<String> validate(String template, Map<String, TypeModel> parameters) {
        return TemplateValidator.validate(KeyTemplate.parse(template), parameters, Optional.empty(), SITE);
    }

    @Test
    void validTemplateHasNoErrors() {
        Map<String, TypeModel> parameters = parameters("tenant", String.class, "user", User.class);

        assertThat(validate("{tenant}:{user.id}:{user.active}:{user.address.tenant.code}:{user.nickname}", parameters))
                .isEmpty();
        assertThat(TemplateValidator.validate(
                        KeyTemplate.parse("{result.city}"),
                        parameters,
                        Optional.of(ReflectiveTypeModel.of(Address.class)),
                        SITE))
                .isEmpty();
    }

    @Test
    void missingParameterListsTheParameters() {
        List<String> errors = validate("{tenant}:{userId}", parameters("tenant", String.class, "user", User.class));

        assertThat(errors)
                .singleElement()
                .satisfies(error -> assertThat(error)
                        .startsWith(SITE + ": key template \"{tenant}:{userId}\"")
                        .contains("names parameter 'userId'")
                        .contains("the parameters are tenant, user"));
    }

    @Test
    void missingParameterOfMethodWithoutParametersSaysSo() {
        assertThat(validate("{id}", parameters())).singleElement().asString().contains("the method has no parameters");
    }

    @Test
    void resultWithoutResultSaysWhy() {
        KeyTemplate template = KeyTemplate.parse("{result.id}");
        Map<String, TypeModel> parameters = parameters("user", User.class);

        assertThat(TemplateValidator.validate(
                        template, parameters, Optional.empty(), TemplateValidator.NoResult.VOID_METHOD, SITE))
                .singleElement()
                .asString()
                .contains(
                        "uses {result.id} but the return value is not available here because the method returns void");
        assertThat(TemplateValidator.validate(
                        template, parameters, Optional.empty(), TemplateValidator.NoResult.INVALIDATE_BEFORE, SITE))
                .singleElement()
                .asString()
                .contains("@Invalidate(before = true)");
        assertThat(TemplateValidator.validate(
                        template, parameters, Optional.empty(), TemplateValidator.NoResult.WRITE_BEHIND, SITE))
                .singleElement()
                .asString()
                .contains("@WriteBehind");
    }

    @Test
    void resultShadowingParameterIsExplained() {
        assertThat(validate("{result}", parameters("result", String.class)))
                .singleElement()
                .asString()
                .contains("a parameter named result cannot be used in a key template: rename it");
    }

    @Test
    void missingPropertyNamesTheTypeAndListsItsProperties() {
        List<String> errors = validate("{user.adress.city}", parameters("user", User.class));

        assertThat(errors)
                .singleElement()
                .satisfies(error -> assertThat(error)
                        .contains("cannot read 'adress' in {user.adress.city}")
                        .contains("type " + User.class.getCanonicalName() + " (the type of user)")
                        .contains("its properties are active, address, id, nickname")
                        .contains(
                                "a public getter getX() or isX() (boolean), a record accessor x() or a public field x")
                        .doesNotContain("name,"));
    }

    @Test
    void missingNestedPropertyNamesTheIntermediateType() {
        assertThat(validate("{user.address.zip}", parameters("user", User.class)))
                .singleElement()
                .asString()
                .contains("type " + Address.class.getCanonicalName() + " (the type of user.address)")
                .contains("its properties are city, tenant");
    }

    @Test
    void propertyListIsCappedAtTen() {
        assertThat(validate("{w.nope}", parameters("w", Wide.class)))
                .singleElement()
                .asString()
                .contains("its properties include")
                .contains("and 2 more");
    }

    @Test
    void propertyOfPrimitiveSaysItHasNone() {
        assertThat(validate("{id.value}", parameters("id", int.class)))
                .singleElement()
                .asString()
                .contains("type int (the type of id) has no property 'value'; it has no properties");
    }

    @Test
    void everyProblemIsReported() {
        assertThat(validate("{a}:{user.b}:{c}", parameters("user", User.class))).hasSize(3);
    }

    @Test
    void uncompiledParameterNamesAreNamedExplicitly() {
        assertThat(validate("{id}", parameters("arg0", String.class, "arg1", int.class)))
                .singleElement()
                .asString()
                .contains("parameter names were not compiled")
                .contains("[arg0, arg1]")
                .contains("-parameters");
        assertThat(validate("{arg1}", parameters("arg0", String.class, "arg1", int.class)))
                .singleElement()
                .asString()
                .contains("must not depend on arg0-style names");
    }

    @Test
    void defaultTemplateIsFineWithoutCompiledNames() {
        Map<String, TypeModel> parameters = parameters("arg0", String.class, "arg1", int.class);

        assertThat(TemplateValidator.validate(
                        KeyTemplate.ofParameters(List.of("arg0", "arg1")), parameters, Optional.empty(), SITE))
                .isEmpty();
    }

    @Test
    void reflectiveModelFollowsGettersThenRecordAccessorsThenFields() {
        ReflectiveTypeModel user = ReflectiveTypeModel.of(User.class);

        assertThat(user.property("id")).contains(ReflectiveTypeModel.of(long.class));
        assertThat(user.property("active")).contains(ReflectiveTypeModel.of(boolean.class));
        assertThat(user.property("nickname")).contains(ReflectiveTypeModel.of(String.class));
        assertThat(user.property("name")).isEmpty();
        assertThat(user.property("class")).isEmpty();
        assertThat(ReflectiveTypeModel.of(Address.class).property("city")).isPresent();
        assertThat(ReflectiveTypeModel.of(Wide.class)
                        .property("tags")
                        .orElseThrow()
                        .displayName())
                .isEqualTo("java.util.List");
    }
}
