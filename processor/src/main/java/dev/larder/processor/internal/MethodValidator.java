package dev.larder.processor.internal;

import dev.larder.model.CacheNames;
import dev.larder.model.Durations;
import dev.larder.model.KeyTemplate;
import dev.larder.model.ModelRules;
import dev.larder.model.ResultKind;
import dev.larder.model.Sites;
import dev.larder.model.TemplateValidator.NoResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Validates the Larder annotations of one method declaration and builds its {@link AnnotatedMethod}. Every problem is
 * reported (not only the first), each on the attribute it concerns; the model is built only when there was none.
 */
public final class MethodValidator {
    private final Env env;
    private final Reporter reporter;
    private final TemplateResolver templates;
    private final OverridableCheck overridable;

    public MethodValidator(Env env, Reporter reporter) {
        this.env = env;
        this.reporter = reporter;
        this.templates = new TemplateResolver(reporter);
        this.overridable = new OverridableCheck(reporter);
    }

    public Optional<AnnotatedMethod> validate(ExecutableElement method) {
        int errorsBefore = reporter.errorCount();
        TypeElement type = (TypeElement) method.getEnclosingElement();
        MethodScope scope = scope(method, type);
        Optional<Annotation> cached = Annotation.find(method, "Cached", env.elements());
        Optional<Annotation> writeThrough = Annotation.find(method, "WriteThrough", env.elements());
        Optional<Annotation> writeBehind = Annotation.find(method, "WriteBehind", env.elements());
        Optional<Annotation> refresh = Annotation.find(method, "RefreshAhead", env.elements());
        List<Annotation> invalidations = Annotation.invalidations(method, env.elements());

        Set<String> present = new LinkedHashSet<>();
        cached.ifPresent(a -> present.add("Cached"));
        writeThrough.ifPresent(a -> present.add("WriteThrough"));
        writeBehind.ifPresent(a -> present.add("WriteBehind"));
        refresh.ifPresent(a -> present.add("RefreshAhead"));
        if (!invalidations.isEmpty()) {
            present.add("Invalidate");
        }
        overridable.check(method, type, "@" + present.iterator().next());
        ModelRules.combination(present)
                .ifPresent(message -> reporter.error("LarderConflict", scope.site() + ": " + message, method));

        List<Operation> before = new ArrayList<>();
        List<Operation> after = new ArrayList<>();
        for (Annotation invalidate : invalidations) {
            invalidate(invalidate, scope).ifPresent(op -> (op.before() ? before : after).add(op));
        }
        List<Operation> operations = new ArrayList<>(before);
        cached.flatMap(a -> cached(a, refresh, scope)).ifPresent(operations::add);
        writeThrough.flatMap(a -> writeThrough(a, scope)).ifPresent(operations::add);
        writeBehind.flatMap(a -> writeBehind(a, scope)).ifPresent(operations::add);
        operations.addAll(after);
        if (reporter.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new AnnotatedMethod(method, scope.site(), operations));
    }

    private MethodScope scope(ExecutableElement method, TypeElement type) {
        Map<String, ElementTypeModel> parameters = new LinkedHashMap<>();
        for (VariableElement parameter : method.getParameters()) {
            parameters.put(
                    parameter.getSimpleName().toString(),
                    ElementTypeModel.root(parameter.asType(), env.types(), env.elements()));
        }
        Optional<ElementTypeModel> result = method.getReturnType().getKind() == TypeKind.VOID
                ? Optional.empty()
                : Optional.of(ElementTypeModel.root(method.getReturnType(), env.types(), env.elements()));
        String site = Sites.of(
                type.getQualifiedName().toString(), method.getSimpleName().toString(), env.parameterTypeNames(method));
        return new MethodScope(method, type, site, parameters, result);
    }

    private Optional<Operation> cached(Annotation cached, Optional<Annotation> refresh, MethodScope scope) {
        if (scope.result().isEmpty()) {
            reporter.error(
                    "LarderVoidCached",
                    scope.site() + ": @Cached needs a method that returns a value, but "
                            + scope.method().getSimpleName() + " returns void; use @WriteThrough, @WriteBehind or"
                            + " @Invalidate for methods that write",
                    scope.method(),
                    cached.mirror());
            return Optional.empty();
        }
        String ttl = ttl(cached, scope);
        Optional<Template> key = key(cached, scope, Optional.empty(), NoResult.BEFORE_CALL);
        double at = 0;
        double beta = 0;
        if (refresh.isPresent()) {
            at = refresh.get().decimal("at");
            beta = refresh.get().decimal("beta");
            ModelRules.refreshAt(at)
                    .ifPresent(m -> reporter.error("LarderRefreshAhead", scope.site() + ": " + m, refresh.get(), "at"));
            ModelRules.refreshBeta(beta)
                    .ifPresent(
                            m -> reporter.error("LarderRefreshAhead", scope.site() + ": " + m, refresh.get(), "beta"));
        }
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Operation.Cached(
                cacheName(cached, scope),
                key.get(),
                ttl,
                cached.bool("cacheNull"),
                resultKind(scope.method().getReturnType()),
                at,
                beta));
    }

    private Optional<Operation> writeThrough(Annotation annotation, MethodScope scope) {
        String ttl = ttl(annotation, scope);
        Optional<Template> key = key(annotation, scope, scope.result(), NoResult.VOID_METHOD);
        Optional<Template> value = key.flatMap(k -> value(annotation, k, scope, scope.result(), NoResult.VOID_METHOD));
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Operation.WriteThrough(cacheName(annotation, scope), key.get(), value.get(), ttl));
    }

    private Optional<Operation> writeBehind(Annotation annotation, MethodScope scope) {
        NoResult why = NoResult.WRITE_BEHIND;
        if (scope.result().isPresent()) {
            reporter.error(
                    "LarderWriteBehindNotVoid",
                    scope.site() + ": @WriteBehind needs a void method, because the caller returns before the body"
                            + " runs, but " + scope.method().getSimpleName() + " returns "
                            + scope.method().getReturnType() + "; return void or use @WriteThrough",
                    scope.method(),
                    annotation.mirror());
        }
        String ttl = ttl(annotation, scope);
        String delay = annotation.string("delay");
        duration(annotation, "delay", delay, scope);
        int batchSize = annotation.integer("batchSize");
        ModelRules.batchSize(batchSize)
                .ifPresent(m -> reporter.error("LarderRange", scope.site() + ": " + m, annotation, "batchSize"));
        int maxRetries = annotation.integer("maxRetries");
        ModelRules.maxRetries(maxRetries)
                .ifPresent(m -> reporter.error("LarderRange", scope.site() + ": " + m, annotation, "maxRetries"));
        Optional<Template> key = key(annotation, scope, Optional.empty(), why);
        Optional<Template> value = key.flatMap(k -> value(annotation, k, scope, Optional.empty(), why));
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<ExecutableElement> batchMethod = Optional.empty();
        String batchName = annotation.string("batchMethod");
        if (!batchName.isEmpty()) {
            batchMethod = new BatchMethodCheck(env, reporter).find(annotation, batchName, value.get(), scope);
        }
        return Optional.of(new Operation.WriteBehind(
                cacheName(annotation, scope),
                key.get(),
                value.get(),
                ttl,
                delay,
                batchSize,
                batchMethod,
                annotation.bool("coalesce"),
                maxRetries));
    }

    private Optional<Operation.Invalidate> invalidate(Annotation annotation, MethodScope scope) {
        String cache = annotation.string("cache");
        if (cache.isEmpty()) {
            reporter.error(
                    "LarderCacheName",
                    scope.site()
                            + ": @Invalidate(cache = \"\") names no cache: set the name of the cache to remove from",
                    annotation,
                    "cache");
        }
        boolean all = annotation.bool("all");
        boolean before = annotation.bool("before");
        Optional<String> allError = ModelRules.invalidateAll(all, annotation.string("key"));
        if (allError.isPresent()) {
            reporter.error("LarderInvalidateAll", scope.site() + ": " + allError.get(), annotation, "key");
            return Optional.empty();
        }
        if (all) {
            return cache.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new Operation.Invalidate(cache, null, true, before));
        }
        Optional<ElementTypeModel> result = before ? Optional.empty() : scope.result();
        NoResult why = before ? NoResult.INVALIDATE_BEFORE : NoResult.VOID_METHOD;
        Optional<Template> key = key(annotation, scope, result, why);
        if (key.isEmpty() || cache.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Operation.Invalidate(cache, key.get(), false, before));
    }

    private Optional<Template> key(
            Annotation annotation, MethodScope scope, Optional<ElementTypeModel> result, NoResult noResult) {
        String text = annotation.string("key");
        if (text.isEmpty()) {
            text = KeyTemplate.ofParameters(List.copyOf(scope.parameters().keySet()))
                    .text();
        }
        return templates.resolve(annotation, "key", text, scope, result, noResult);
    }

    private Optional<Template> value(
            Annotation annotation,
            Template key,
            MethodScope scope,
            Optional<ElementTypeModel> result,
            NoResult noResult) {
        String text = annotation.string("value");
        if (text.isEmpty()) {
            Set<String> named = key.parts().stream().map(ValuePath::root).collect(Collectors.toSet());
            Optional<String> defaulted = ModelRules.defaultValue(
                    result.isPresent(), List.copyOf(scope.parameters().keySet()), named);
            if (defaulted.isEmpty()) {
                reporter.error(
                        "LarderValueDefault",
                        scope.site() + ": @" + annotation.simpleName() + " cannot tell which value to store: the method"
                                + " returns nothing and " + scope.parameters().size()
                                + " parameters are not named by the key; set value, such as value = \"{"
                                + scope.parameters().keySet().stream()
                                        .reduce((a, b) -> b)
                                        .orElse("param") + "}\"",
                        scope.method(),
                        annotation.mirror());
                return Optional.empty();
            }
            text = defaulted.get();
        }
        Optional<Template> value = templates.resolve(annotation, "value", text, scope, result, noResult);
        if (value.isPresent() && !value.get().singleValue()) {
            reporter.error(
                    "LarderValueTemplate",
                    scope.site() + ": @" + annotation.simpleName() + "(value = \"" + text
                            + "\") must be a single placeholder such as {user} or {result}, without other text",
                    annotation,
                    "value");
            return Optional.empty();
        }
        return value;
    }

    private String ttl(Annotation annotation, MethodScope scope) {
        String ttl = annotation.string("ttl");
        duration(annotation, "ttl", ttl, scope);
        return ttl.isEmpty() ? env.typeDefault(scope.declaringType(), "ttl") : ttl;
    }

    private void duration(Annotation annotation, String attribute, String text, MethodScope scope) {
        if (text.isEmpty()) {
            return;
        }
        try {
            Durations.parse(text);
        } catch (IllegalArgumentException e) {
            reporter.error(
                    "LarderDuration",
                    scope.site() + ": @" + annotation.simpleName() + "(" + attribute + " = \"" + text
                            + "\") is not a duration: " + e.getMessage(),
                    annotation,
                    attribute);
        }
    }

    private String cacheName(Annotation annotation, MethodScope scope) {
        ExecutableElement method = scope.method();
        String name = method.getSimpleName().toString();
        long sameName = ElementFilter.methodsIn(scope.declaringType().getEnclosedElements()).stream()
                .filter(m -> m.getSimpleName().contentEquals(name))
                .count();
        String defaultName = CacheNames.defaultName(
                scope.declaringType().getSimpleName().toString(), name, sameName > 1, env.parameterTypeNames(method));
        return CacheNames.effective(
                annotation.string("cache"), env.typeDefault(scope.declaringType(), "cache"), defaultName);
    }

    private ResultKind resultKind(TypeMirror type) {
        TypeMirror erased = env.types().erasure(type);
        if (env.types().isSameType(erased, env.erasure("java.util.Optional"))) {
            return ResultKind.OPTIONAL;
        }
        if (env.types().isAssignable(erased, env.erasure("java.util.concurrent.CompletionStage"))) {
            return ResultKind.FUTURE;
        }
        return ResultKind.VALUE;
    }
}
