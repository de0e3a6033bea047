package dev.larder.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules of {@code condition} and {@code unless}: every mode reports these messages. */
class ConditionRuleTest {
    private static final MethodShape FIND =
            new MethodShape("find", List.of("java.lang.Long"), "com.acme.Book", false, false, false);

    private static MethodShape method(String name, String returnType, String... parameters) {
        return new MethodShape(name, List.of(parameters), returnType, false, false, false);
    }

    private static Optional<String> condition(String name, MethodShape... methods) {
        return ConditionRule.condition("Cached", name, FIND, "Catalog", List.of(methods));
    }

    @Test
    void aBooleanMethodTakingTheParametersFits() {
        assertThat(condition("isSaved", method("isSaved", "boolean", "java.lang.Long")))
                .isEmpty();
    }

    @Test
    void aMissingMethodIsNamedWithTheNearestBooleanMethod() {
        assertThat(condition(
                        "isSavd",
                        method("isSaved", "boolean", "java.lang.Long"),
                        method("isSave", "java.lang.String", "java.lang.Long")))
                .contains("@Cached(condition = \"isSavd\") must name a boolean method of Catalog taking"
                        + " (java.lang.Long), neither private nor static, declaring no checked exception, but there"
                        + " is no method isSavd; did you mean isSaved?");
    }

    @Test
    void aFarNameGetsNoSuggestion() {
        assertThat(condition("shouldCacheThis", method("isSaved", "boolean", "java.lang.Long")))
                .hasValueSatisfying(m -> assertThat(m).endsWith("there is no method shouldCacheThis"));
    }

    @Test
    void overloadsTakingOtherTypesAreListed() {
        assertThat(condition(
                        "isSaved",
                        method("isSaved", "boolean", "long"),
                        method("isSaved", "boolean", "java.lang.Long", "int")))
                .hasValueSatisfying(m ->
                        assertThat(m).endsWith("but there is only isSaved(long) and isSaved(java.lang.Long, int)"));
    }

    @Test
    void staticMustMatchTheAnnotatedMethod() {
        MethodShape staticFind = new MethodShape("find", List.of("int"), "int", true, false, false);
        MethodShape instanceCheck = method("check", "boolean", "int");

        assertThat(ConditionRule.condition("Cached", "check", staticFind, "Catalog", List.of(instanceCheck)))
                .hasValueSatisfying(
                        m -> assertThat(m).contains("static and not private").endsWith("but check is not static"));
    }

    @Test
    void unlessTakesTheResultOrTheParametersAndTheResult() {
        MethodShape alone = method("isEmpty", "boolean", "com.acme.Book");
        MethodShape withArguments = method("isOld", "boolean", "java.lang.Long", "com.acme.Book");

        ConditionRule.Unless first = ConditionRule.unless("Cached", "isEmpty", FIND, "Catalog", List.of(alone));
        ConditionRule.Unless second = ConditionRule.unless("Cached", "isOld", FIND, "Catalog", List.of(withArguments));

        assertThat(first.error()).isEmpty();
        assertThat(first.takesArguments()).isFalse();
        assertThat(second.error()).isEmpty();
        assertThat(second.takesArguments()).isTrue();
    }

    @Test
    void unlessIsRefusedOnFuturesAndWithRefreshAhead() {
        assertThat(ConditionRule.unlessRefused(ResultKind.FUTURE, false, false)).isPresent();
        assertThat(ConditionRule.unlessRefused(ResultKind.VALUE, true, false)).isPresent();
        assertThat(ConditionRule.unlessRefused(ResultKind.VALUE, false, true)).isPresent();
        assertThat(ConditionRule.unlessRefused(ResultKind.OPTIONAL, false, false))
                .isEmpty();
    }
}
