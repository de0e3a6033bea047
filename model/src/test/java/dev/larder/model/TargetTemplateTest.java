package dev.larder.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code {this...}} in key templates: the object the method is called on, refused where there is none. */
class TargetTemplateTest {

    /** A type with the given properties, each of type String. */
    private record Named(String displayName, List<String> propertyNames) implements TypeModel {
        @Override
        public Optional<TypeModel> property(String name) {
            return propertyNames.contains(name)
                    ? Optional.of(new Named("java.lang.String", List.of()))
                    : Optional.empty();
        }
    }

    private record Source(List<Declaration> declarations, Target target) implements MethodSource {
        @Override
        public String typeName() {
            return "com.acme.Repository";
        }

        @Override
        public String declaringTypeSimpleName() {
            return "Repository";
        }

        @Override
        public boolean overloaded() {
            return false;
        }

        @Override
        public String methodName() {
            return "find";
        }

        @Override
        public List<String> parameterTypeNames() {
            return List.of("int");
        }

        @Override
        public Map<String, TypeModel> parameters() {
            Map<String, TypeModel> parameters = new LinkedHashMap<>();
            parameters.put("id", new Named("int", List.of()));
            return parameters;
        }

        @Override
        public Optional<TypeModel> result() {
            return Optional.of(new Named("com.acme.Row", List.of()));
        }

        @Override
        public String returnTypeName() {
            return "com.acme.Row";
        }

        @Override
        public ResultKind resultKind() {
            return ResultKind.VALUE;
        }

        @Override
        public String typeDefault(String attribute) {
            return "";
        }

        @Override
        public Optional<String> batchMethodMismatch(String name, Placeholder value) {
            return Optional.empty();
        }
    }

    private static final Target REPOSITORY = Target.of(new Named("com.acme.Repository", List.of("domain")));

    private static MethodModel cached(String key, Target target) {
        return MethodModel.of(new Source(List.of(new Declaration("Cached", Map.of("key", key))), target));
    }

    @Test
    void anInstanceMethodMayReadPropertiesAndTheClassOfItsTarget() {
        assertThat(cached("{this.domain}:{id}", REPOSITORY).problems()).isEmpty();
        assertThat(cached("{this.class}:{id}", REPOSITORY).problems()).isEmpty();
        assertThat(KeyTemplate.parse("{this.domain}:{id}").usesTarget()).isTrue();
        assertThat(KeyTemplate.parse("{id}").usesTarget()).isFalse();
    }

    @Test
    void aStaticMethodCannotReadThisAndTheProblemNamesTheAttribute() {
        MethodModel model = cached("{this.domain}:{id}", Target.STATIC);

        assertThat(model.problems()).singleElement().satisfies(p -> {
            assertThat(p.tag()).isEqualTo("LarderKeyTemplate");
            assertThat(p.attribute()).isEqualTo("key");
            assertThat(p.message())
                    .startsWith("com.acme.Repository#find(int): key template \"{this.domain}:{id}\"")
                    .contains("the method is static");
        });
    }

    @Test
    void aMissingPropertyOfTheTargetIsNamed() {
        assertThat(cached("{this.owner}", REPOSITORY).problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message())
                        .contains("type com.acme.Repository (the type of this) has no property 'owner'")
                        .contains("its properties are domain"));
    }

    @Test
    void thisAloneAndPropertiesOfItsClassAreRefused() {
        assertThat(cached("{this}:{id}", REPOSITORY).problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("identity of an object is not stable"));
        assertThat(cached("{this.class.name}", REPOSITORY).problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("cannot read 'name' in {this.class.name}"));
    }

    @Test
    void aFrontEndThatCannotPassTheTargetSaysWhy() {
        Target processor = Target.unavailable("{this} is not yet supported in compile-time mode");

        assertThat(cached("{this.domain}", processor).problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("not yet supported in compile-time mode"));
    }

    @Test
    void aValueCannotReadThis() {
        Declaration write =
                new Declaration("WriteThrough", Map.of("key", "{this.domain}:{id}", "value", "{this.domain}"));

        MethodModel model = MethodModel.of(new Source(List.of(write), REPOSITORY));

        assertThat(model.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.attribute()).isEqualTo("value"));
    }
}
