package dev.larder.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.model.SpelCondition.Compare;
import dev.larder.model.SpelCondition.Logic;
import dev.larder.model.SpelCondition.Not;
import dev.larder.model.SpelCondition.Operator;
import dev.larder.model.SpelCondition.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spring's condition and unless expressions parsed into trees, and what is refused. */
class SpelConditionTest {
    private static SpelCondition parse(String expression, boolean result) {
        return SpelCondition.parse(expression, "find", List.of("isbn", "edition"), true, result);
    }

    private static Value parameter(int index, String... properties) {
        return new Value(index, List.of(properties), null);
    }

    private static Value literal(Object value) {
        return new Value(Value.LITERAL, List.of(), value);
    }

    @Test
    void comparisonsBetweenValuesAndLiterals() {
        assertThat(parse("#edition > 1", false).root()).isEqualTo(new Compare(Operator.GT, parameter(1), literal(1)));
        assertThat(parse("#p0 != null", false).root()).isEqualTo(new Compare(Operator.NE, parameter(0), literal(null)));
        assertThat(parse("#root.args[0].length <= 10L", false).root())
                .isEqualTo(new Compare(Operator.LE, parameter(0, "length"), literal(10L)));
        assertThat(parse("#root.methodName == 'find'", false).root())
                .isEqualTo(new Compare(Operator.EQ, literal("find"), literal("find")));
        assertThat(parse("#result.price ge 2.5", true).root())
                .isEqualTo(new Compare(Operator.GE, new Value(Value.RESULT, List.of("price"), null), literal(2.5)));
        assertThat(parse("#a1 < -3", false).root()).isEqualTo(new Compare(Operator.LT, parameter(1), literal(-3)));
    }

    @Test
    void logicNotAndParentheses() {
        Compare big = new Compare(Operator.GT, parameter(1), literal(1));
        Compare named = new Compare(Operator.EQ, parameter(0), literal("x"));
        assertThat(parse("#edition > 1 and #isbn == 'x' or true", false).root())
                .isEqualTo(new Logic(false, new Logic(true, big, named), literal(true)));
        assertThat(parse("#edition > 1 && (#isbn == 'x' || false)", false).root())
                .isEqualTo(new Logic(true, big, new Logic(false, named, literal(false))));
        assertThat(parse("!(#edition > 1)", false).root()).isEqualTo(new Not(big));
        assertThat(parse("not #edition > 1", false).root()).isEqualTo(new Not(big));
    }

    @Test
    void otherFormsAreRefusedSayingWhat() {
        assertThatThrownBy(() -> parse("#isbn.isEmpty()", false)).hasMessageContaining("'()' is not supported");
        assertThatThrownBy(() -> parse("#result == null", false)).hasMessageContaining("#result does not exist here");
        assertThatThrownBy(() -> parse("#edition + 1 > 2", false)).hasMessageContaining("'+ 1 > 2' is not supported");
        assertThatThrownBy(() -> parse("#p2 > 0", false)).hasMessageContaining("#p2 names no parameter");
        assertThatThrownBy(() -> parse("(#p0 == 'a'", false)).hasMessageContaining("')' expected");
        assertThatThrownBy(() -> parse("#edition matches '1'", false)).hasMessageContaining("is not supported");
        assertThatThrownBy(() -> SpelCondition.parse("#isbn == 'a'", "find", List.of("arg0"), false, false))
                .hasMessageContaining("needs parameter names");
    }

    private static final TypeModel flag = new TypeModel() {
        @Override
        public String displayName() {
            return "boolean";
        }

        @Override
        public Optional<TypeModel> property(String name) {
            return Optional.empty();
        }
    };

    @Test
    void propertiesAreResolvedAgainstTheTypes() {
        TypeModel text = new TypeModel() {
            @Override
            public String displayName() {
                return "String";
            }

            @Override
            public Optional<TypeModel> property(String name) {
                return name.equals("empty") ? Optional.of(flag) : Optional.empty();
            }
        };
        Map<String, TypeModel> parameters = new LinkedHashMap<>();
        parameters.put("isbn", text);
        parameters.put("edition", text);
        assertThat(parse("#isbn.empty == false", false).unresolved(parameters, Optional.empty()))
                .isEmpty();
        assertThat(parse("#isbn.size > 0", false).unresolved(parameters, Optional.empty()))
                .contains("#isbn (String) has no property size");
        assertThat(parse("#isbn.empty and !#isbn.empty", false).unresolved(parameters, Optional.empty()))
                .isEmpty();
        assertThat(parse("#isbn and true", false).unresolved(parameters, Optional.empty()))
                .get()
                .asString()
                .contains("#isbn (String) stands where a condition is expected, but is not a boolean");
        assertThat(parse("'yes'", false).unresolved(parameters, Optional.empty()))
                .contains("the literal yes stands where a condition is expected");
    }

    @Test
    void methodNamesAreStableAndDistinct() {
        SpelCondition c = parse("#edition > 1", false);
        assertThat(c.methodName("Books#find", "condition"))
                .startsWith(SpelCondition.METHOD_PREFIX)
                .isEqualTo(parse("#edition > 1", false).methodName("Books#find", "condition"))
                .isNotEqualTo(c.methodName("Books#find", "unless"))
                .isNotEqualTo(c.methodName("Books#get", "condition"));
    }
}
