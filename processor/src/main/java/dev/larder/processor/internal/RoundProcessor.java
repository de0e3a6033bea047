package dev.larder.processor.internal;

import dev.larder.model.Durations;
import dev.larder.model.ModelRules;
import dev.larder.model.TtlJitter;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * The three stages for one processor run, round after round: validate every annotated method, build its model, and
 * generate {@code Foo_Cached} for each type whose annotated methods (own or inherited) are all valid.
 */
public final class RoundProcessor {
    private static final List<String> METHOD_ANNOTATIONS = List.of(
            "Cached", "CachedAll", "WriteThrough", "WriteBehind", "Invalidate", "Invalidate.List", "RefreshAhead");

    private final Env env;
    private final Reporter reporter;
    private final Filer filer;
    private final MethodValidator validator;
    private final TypeScanner scanner;
    private final Generator generator;
    private final Map<ExecutableElement, Optional<AnnotatedMethod>> models = new HashMap<>();
    private final Set<String> generated = new HashSet<>();

    public RoundProcessor(Env env, Reporter reporter, Filer filer) {
        this.env = env;
        this.reporter = reporter;
        this.filer = filer;
        this.validator = new MethodValidator(env, reporter);
        this.scanner = new TypeScanner(env);
        this.generator = new Generator(env);
    }

    public void process(RoundEnvironment round) {
        TypeElement defaults = env.elements().getTypeElement(Annotation.PACKAGE + "CacheDefaults");
        if (defaults != null) {
            round.getElementsAnnotatedWith(defaults).forEach(this::checkDefaults);
        }
        for (String name : METHOD_ANNOTATIONS) {
            TypeElement annotation = env.elements().getTypeElement(Annotation.PACKAGE + name);
            if (annotation != null) {
                for (ExecutableElement method : ElementFilter.methodsIn(round.getElementsAnnotatedWith(annotation))) {
                    model(method);
                }
            }
        }
        Set<TypeElement> types = new LinkedHashSet<>();
        for (Element root : round.getRootElements()) {
            collectTypes(root, types);
        }
        types.forEach(this::generate);
    }

    private Optional<AnnotatedMethod> model(ExecutableElement method) {
        return models.computeIfAbsent(method, validator::validate);
    }

    private void checkDefaults(Element type) {
        Annotation.find(type, "CacheDefaults", env.elements()).ifPresent(annotation -> {
            String jitter = annotation.string("ttlJitter");
            if (!jitter.isEmpty()) {
                try {
                    TtlJitter.parse(jitter);
                } catch (IllegalArgumentException e) {
                    reporter.error(
                            "LarderTtlJitter",
                            type + ": " + ModelRules.defaultTtlJitter(jitter, e),
                            annotation,
                            "ttlJitter");
                }
            }
            String ttl = annotation.string("ttl");
            if (ttl.isEmpty()) {
                return;
            }
            try {
                Durations.parse(ttl);
            } catch (IllegalArgumentException e) {
                reporter.error(
                        "LarderDuration",
                        type + ": @CacheDefaults(ttl = \"" + ttl + "\") is not a duration: " + e.getMessage(),
                        annotation,
                        "ttl");
            }
        });
    }

    private void collectTypes(Element element, Set<TypeElement> types) {
        if (element instanceof TypeElement type) {
            types.add(type);
            for (Element enclosed : type.getEnclosedElements()) {
                collectTypes(enclosed, types);
            }
        }
    }

    private void generate(TypeElement type) {
        if (isGenerated(type) || !generated.add(type.getQualifiedName().toString())) {
            return;
        }
        List<TypeScanner.Member> members = scanner.members(type);
        Map<ExecutableElement, AnnotatedMethod> valid = new HashMap<>();
        boolean any = false;
        boolean allValid = true;
        for (TypeScanner.Member member : members) {
            if (member.annotated().isEmpty()) {
                continue;
            }
            any = true;
            Optional<AnnotatedMethod> model = model(member.annotated().get());
            model.ifPresent(m -> valid.put(member.annotated().get(), m));
            allValid &= model.isPresent();
            allValid &= overridable(type, member);
        }
        if (!any || !allValid || !generatable(type)) {
            return;
        }
        try {
            generator.generate(type, members, valid).writeTo(filer);
        } catch (IOException e) {
            reporter.error("LarderGenerate", "could not write " + Names.generated(type) + ": " + e.getMessage(), type);
        }
    }

    /** An inherited annotation needs an overridable method in the type that inherits it. */
    private boolean overridable(TypeElement type, TypeScanner.Member member) {
        ExecutableElement method = member.method();
        if (type.getKind().isInterface()
                || member.annotated().get() == method
                || !method.getModifiers().contains(Modifier.FINAL)) {
            return true;
        }
        if (method.getEnclosingElement() == type) {
            reporter.error(
                    "LarderNotOverridable",
                    method.getSimpleName() + " overrides a method with Larder annotations in "
                            + member.annotated().get().getEnclosingElement().getSimpleName()
                            + " and must not be final: Larder overrides it in a generated subclass; remove 'final'",
                    method);
        }
        return false;
    }

    /** Types Larder can subclass or wrap; the others had their annotated methods reported already. */
    private static boolean generatable(TypeElement type) {
        if (type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.INTERFACE) {
            return false;
        }
        if (type.getKind() == ElementKind.CLASS
                && (type.getModifiers().contains(Modifier.ABSTRACT)
                        || type.getModifiers().contains(Modifier.FINAL)
                        || ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
                                .allMatch(c -> c.getModifiers().contains(Modifier.PRIVATE)))) {
            return false;
        }
        for (Element e = type; e instanceof TypeElement t; e = t.getEnclosingElement()) {
            if (t.getModifiers().contains(Modifier.PRIVATE)
                    || t.getNestingKind() == NestingKind.LOCAL
                    || t.getNestingKind() == NestingKind.ANONYMOUS
                    || (t.getNestingKind() == NestingKind.MEMBER
                            && t.getKind() == ElementKind.CLASS
                            && !t.getModifiers().contains(Modifier.STATIC))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isGenerated(TypeElement type) {
        for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
            if (mirror.getAnnotationType().toString().equals("javax.annotation.processing.Generated")
                    && mirror.getElementValues().values().stream()
                            .anyMatch(v -> v.toString().contains(Generator.PROCESSOR))) {
                return true;
            }
        }
        return false;
    }
}
