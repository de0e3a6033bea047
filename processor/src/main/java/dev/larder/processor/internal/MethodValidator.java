package dev.larder.processor.internal;

import dev.larder.model.Declaration;
import dev.larder.model.MethodModel;
import dev.larder.model.Operation;
import dev.larder.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The processor's front end to {@link MethodModel}: validates the Larder annotations of one method declaration with
 * the rules of every mode, reports each problem as a tagged compiler error on the attribute it concerns, and builds
 * the {@link AnnotatedMethod} when there was none. Only what is the processor's own is checked here: the generated
 * subclass must be able to override the method.
 */
public final class MethodValidator {
    private final Env env;
    private final Reporter reporter;
    private final OverridableCheck overridable;

    public MethodValidator(Env env, Reporter reporter) {
        this.env = env;
        this.reporter = reporter;
        this.overridable = new OverridableCheck(reporter);
    }

    public Optional<AnnotatedMethod> validate(ExecutableElement method) {
        int errorsBefore = reporter.errorCount();
        TypeElement type = (TypeElement) method.getEnclosingElement();
        MethodScope scope = ElementSource.scope(env, method);
        List<Annotation> found = Annotation.all(method, env.elements());
        overridable.check(method, type, "@" + found.get(0).simpleName());
        ElementSource source = new ElementSource(env, scope, found);
        MethodModel model = MethodModel.of(source);
        for (Problem problem : model.problems()) {
            report(problem, source, method);
        }
        if (reporter.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        List<Step> steps = new ArrayList<>();
        for (Operation operation : model.operations()) {
            steps.add(step(operation, scope, source).guarded(model.guard(operation)));
        }
        return Optional.of(new AnnotatedMethod(method, model.site(), steps));
    }

    private static Step step(Operation operation, MethodScope scope, ElementSource source) {
        boolean resultKnown = !(operation instanceof Operation.Cached
                || operation instanceof Operation.WriteBehind
                || (operation instanceof Operation.Invalidate i && i.before()));
        Optional<ElementTypeModel> result = resultKnown ? scope.result() : Optional.empty();
        Template key = TemplateResolver.resolve(operation.key(), scope, result);
        if (operation instanceof Operation.WriteThrough w) {
            return new Step(operation, key, TemplateResolver.resolve(w.value(), scope, result), Optional.empty());
        }
        if (operation instanceof Operation.WriteBehind w) {
            return new Step(
                    operation,
                    key,
                    TemplateResolver.resolve(w.value(), scope, result),
                    source.batchMethod(w.batchMethod()));
        }
        // a tag is rendered after the method returns: {result} is there, except before an invalidation
        boolean tagResult = !(operation instanceof Operation.Invalidate i && i.before());
        List<String> tagTexts = operation instanceof Operation.Cached c
                ? c.tags()
                : operation instanceof Operation.Invalidate i ? i.tags() : List.of();
        List<Template> tags = new ArrayList<>();
        for (String tag : tagTexts) {
            tags.add(TemplateResolver.resolve(tag, scope, tagResult ? scope.result() : Optional.empty()));
        }
        return new Step(operation, key, null, Optional.empty(), tags);
    }

    private void report(Problem problem, ElementSource source, ExecutableElement method) {
        Declaration declaration = problem.declaration();
        if (declaration == null) {
            reporter.error(problem.tag(), problem.message(), method);
        } else if (problem.attribute().isEmpty()) {
            reporter.error(
                    problem.tag(),
                    problem.message(),
                    method,
                    source.annotation(declaration).mirror());
        } else {
            reporter.error(problem.tag(), problem.message(), source.annotation(declaration), problem.attribute());
        }
    }
}
