package dev.larder.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules of every mode, through a front end as small as a rules line: a method of named, propertyless types. */
class MethodModelTest {

    private record Simple(String displayName) implements TypeModel {
        @Override
        public Optional<TypeModel> property(String name) {
            return Optional.empty();
        }
    }

    private record Source(List<Declaration> declarations, Optional<TypeModel> result, String defaultTtl)
            implements MethodSource {
        @Override
        public String typeName() {
            return "com.acme.Catalog";
        }

        @Override
        public String declaringTypeSimpleName() {
            return "Catalog";
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
            parameters.put("id", new Simple("int"));
            return parameters;
        }

        @Override
        public String returnTypeName() {
            return result.map(TypeModel::displayName).orElse("void");
        }

        @Override
        public ResultKind resultKind() {
            return ResultKind.VALUE;
        }

        @Override
        public String typeDefault(String attribute) {
            return attribute.equals("ttl") ? defaultTtl : "";
        }

        @Override
        public Optional<String> batchMethodMismatch(String name, Placeholder value) {
            return Optional.of("there is no non-private, non-static method " + name + " on Catalog");
        }
    }

    private static MethodModel model(String defaultTtl, Declaration... declarations) {
        return MethodModel.of(new Source(List.of(declarations), Optional.of(new Simple("com.acme.Book")), defaultTtl));
    }

    @Test
    void aValidMethodYieldsItsOperationWithDefaultsAndParsedDurations() {
        MethodModel model = model("1h", new Declaration("Cached", Map.of()));

        assertThat(model.problems()).isEmpty();
        assertThat(model.site()).isEqualTo("com.acme.Catalog#find(int)");
        assertThat(model.operations())
                .containsExactly(new Operation.Cached(
                        "Catalog.find",
                        "{id}",
                        Duration.ofHours(1),
                        false,
                        ResultKind.VALUE,
                        0,
                        0,
                        null,
                        "0",
                        List.of()));
    }

    @Test
    void anUnsetTtlStaysUnset() {
        Operation.Cached cached = (Operation.Cached)
                model("", new Declaration("Cached", Map.of())).operations().get(0);

        assertThat(cached.ttl()).isNull();
    }

    @Test
    void everyProblemIsReportedWithItsTagAnnotationAndAttribute() {
        Declaration cached = new Declaration("Cached", Map.of("ttl", "10 minutes", "key", "{isbn}"));
        Declaration refresh = new Declaration("RefreshAhead", Map.of("at", "1.5"));

        MethodModel model = model("", cached, refresh);

        assertThat(model.problems())
                .extracting(Problem::tag, Problem::declaration, Problem::attribute)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("LarderDuration", cached, "ttl"),
                        org.assertj.core.groups.Tuple.tuple("LarderKeyTemplate", cached, "key"),
                        org.assertj.core.groups.Tuple.tuple("LarderRefreshAhead", refresh, "at"));
        assertThat(model.problems())
                .allSatisfy(p -> assertThat(p.message()).startsWith("com.acme.Catalog#find(int): "));
    }

    @Test
    void aBadTypeDefaultTtlIsAProblemNotABindTimeFailure() {
        MethodModel model = model("soon", new Declaration("Cached", Map.of()));

        assertThat(model.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("@CacheDefaults(ttl = \"soon\") is not a duration"));
    }

    @Test
    void aRulesLineWithoutAKeyForAWriteIsAProblem() {
        MethodModel model = model("", new Declaration("WriteThrough", Map.of()));

        assertThat(model.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.tagged())
                        .isEqualTo("[LarderKeyTemplate] com.acme.Catalog#find(int): @WriteThrough needs a key template,"
                                + " such as key = \"{id}\""));
    }

    @Test
    void cachedAllRefusesConditionUnlessAndTagsAtTheAttribute() {
        Declaration all = new Declaration(
                "CachedAll", Map.of("condition", "isSaved", "unless", "isDraft", "tags", "author:{id}"));
        MethodModel model = model("", all);
        assertThat(model.operations()).isEmpty();
        assertThat(model.problems())
                .filteredOn(p -> p.message().contains("@CachedAll does not support"))
                .extracting(Problem::attribute)
                .containsExactly("condition", "unless", "tags");
        assertThat(model.problems())
                .filteredOn(p -> p.attribute().equals("condition"))
                .singleElement()
                .satisfies(p -> assertThat(p.message())
                        .contains("does not support condition (\"isSaved\")")
                        .contains("allowed are cache, key, ttl and cacheNull"));
    }

    @Test
    void ttlJitterIsParsedIntoAFractionOnEveryOperationWithATtl() {
        Operation.Cached cached = (Operation.Cached) model("", new Declaration("Cached", Map.of("ttlJitter", "10%")))
                .operations()
                .get(0);
        Operation.WriteThrough written = (Operation.WriteThrough)
                model("", new Declaration("WriteThrough", Map.of("key", "{id}", "ttlJitter", "25%")))
                        .operations()
                        .get(0);

        assertThat(cached.ttlJitter()).isEqualTo(0.1);
        assertThat(written.ttlJitter()).isEqualTo(0.25);
        assertThat(((Operation.Cached) model("", new Declaration("Cached", Map.of()))
                                .operations()
                                .get(0))
                        .ttlJitter())
                .isNull();
    }

    @Test
    void aBadTtlJitterIsAProblemOnItsAttribute() {
        Declaration cached = new Declaration("Cached", Map.of("ttlJitter", "150%"));

        MethodModel model = model("", cached);

        assertThat(model.problems()).singleElement().satisfies(p -> {
            assertThat(p.tag()).isEqualTo("LarderTtlJitter");
            assertThat(p.declaration()).isEqualTo(cached);
            assertThat(p.attribute()).isEqualTo("ttlJitter");
            assertThat(p.message())
                    .isEqualTo("com.acme.Catalog#find(int): @Cached(ttlJitter = \"150%\") is not a TTL"
                            + " jitter: '150%' is not a percentage from 0% to 100%: use " + TtlJitter.ALLOWED);
        });
    }

    @Test
    void anOperationSurvivesItsConstant() {
        List<Operation> operations = List.of(
                new Operation.Cached("c:1", "{a}:{b}", null, true, ResultKind.FUTURE, 0.8, 1, null, null, List.of()),
                new Operation.CachedAll("books", "{shop}:{ids}", Duration.ofHours(1), true, "ids"),
                new Operation.WriteThrough("c", "{id}", "{result}", Duration.ZERO),
                new Operation.WriteBehind(
                        "c", "k{id}", "{v}", Duration.ofMinutes(5), Duration.ofMillis(250), 7, "", false, 0),
                new Operation.Invalidate("all", "", true, true),
                new Operation.Cached(
                        "c", "{a}", Duration.ofMinutes(1), false, ResultKind.VALUE, 0, 0, 0.1, null, List.of()),
                new Operation.WriteThrough("c", "{id}", "{result}", null, 0.5),
                new Operation.Cached("c", "{b}:{a}", null, false, ResultKind.VALUE, 0, 0, null, "1,0", List.of()),
                new Operation.WriteBehind("c", "{id}", "{v}", null, Duration.ofMillis(250), 7, "", false, 0, 1.0));
        for (Operation operation : operations) {
            OperationCodec.Decoded decoded = OperationCodec.decode(OperationCodec.encode("a#b(int)", operation));

            assertThat(decoded.site()).isEqualTo("a#b(int)");
            assertThat(decoded.operation()).isEqualTo(operation);
        }
    }

    @Test
    void taggedOperationsSurviveTheirConstant() {
        List<Operation> operations = List.of(
                new Operation.Cached(
                        "c",
                        "{id}",
                        null,
                        false,
                        ResultKind.VALUE,
                        0,
                        0,
                        null,
                        null,
                        List.of("author:{result.id}", "a,b")),
                new Operation.Invalidate("", "", false, false, List.of("author:{id}")));
        for (Operation operation : operations) {
            assertThat(OperationCodec.decode(OperationCodec.encode("a#b(int)", operation))
                            .operation())
                    .isEqualTo(operation);
        }
    }

    @Test
    void tagsAreValidatedAsTemplatesOverParametersAndResult() {
        MethodModel cached = model(
                "", new Declaration("Cached", Map.of("tags", TagTemplates.join(List.of("book:{id}", "catalogue")))));
        MethodModel model = model("", new Declaration("Invalidate", Map.of("tags", "x:{isbn}")));

        assertThat(((Operation.Cached) cached.operations().get(0)).tags()).containsExactly("book:{id}", "catalogue");
        assertThat(model.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.tagged())
                        .startsWith("[LarderKeyTemplate] com.acme.Catalog#find(int): key template \"x:{isbn}\" names"
                                + " parameter 'isbn'"));
    }

    @Test
    void anInvalidationByTagsAloneNeedsNoCache() {
        MethodModel model = model("", new Declaration("Invalidate", Map.of("tags", "book:{id}")));

        assertThat(model.problems()).isEmpty();
        assertThat(model.operations())
                .containsExactly(new Operation.Invalidate("", "", false, false, List.of("book:{id}")));
    }
}
