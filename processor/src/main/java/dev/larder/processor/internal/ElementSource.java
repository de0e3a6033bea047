package dev.larder.processor.internal;

import dev.larder.model.Declaration;
import dev.larder.model.Durations;
import dev.larder.model.MethodShape;
import dev.larder.model.MethodSource;
import dev.larder.model.Placeholder;
import dev.larder.model.ResultKind;
import dev.larder.model.TagTemplates;
import dev.larder.model.Target;
import dev.larder.model.TtlJitter;
import dev.larder.model.TypeModel;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;

/**
 * One annotated method as javac's elements show it, for {@link dev.larder.model.MethodModel}; remembers which
 * {@link Annotation} each {@link Declaration} came from, so that problems are reported on the attribute, and the
 * batch methods found, for the generated code.
 */
final class ElementSource implements MethodSource {
    private final Env env;
    private final MethodScope scope;
    private final Map<Declaration, Annotation> annotations = new IdentityHashMap<>();
    private final List<Declaration> declarations = new ArrayList<>();
    private final Map<String, ExecutableElement> batchMethods = new LinkedHashMap<>();
    private final BatchMethodCheck batchMethodCheck;

    ElementSource(Env env, MethodScope scope, List<Annotation> found) {
        this.env = env;
        this.scope = scope;
        this.batchMethodCheck = new BatchMethodCheck(env);
        for (Annotation annotation : found) {
            Map<String, String> text = new LinkedHashMap<>();
            for (Map.Entry<String, AnnotationValue> value : annotation.values().entrySet()) {
                text.put(value.getKey(), text(value.getValue()));
            }
            Declaration declaration = new Declaration(annotation.simpleName(), text);
            declarations.add(declaration);
            annotations.put(declaration, annotation);
        }
    }

    /** An attribute as {@link Declaration} takes it: a list's elements joined as {@link TagTemplates} says. */
    private static String text(AnnotationValue value) {
        if (value.getValue() instanceof List<?> list) {
            List<String> elements = new ArrayList<>();
            for (Object element : list) {
                elements.add(String.valueOf(((AnnotationValue) element).getValue()));
            }
            return TagTemplates.join(elements);
        }
        return String.valueOf(value.getValue());
    }

    /** The annotation a declaration was read from. */
    Annotation annotation(Declaration declaration) {
        return annotations.get(declaration);
    }

    /** The batch method found for {@code name}, after validation. */
    Optional<ExecutableElement> batchMethod(String name) {
        return Optional.ofNullable(batchMethods.get(name));
    }

    @Override
    public String typeName() {
        return scope.declaringType().getQualifiedName().toString();
    }

    @Override
    public String declaringTypeSimpleName() {
        return scope.declaringType().getSimpleName().toString();
    }

    @Override
    public boolean overloaded() {
        int sameName = 0;
        for (ExecutableElement m : ElementFilter.methodsIn(scope.declaringType().getEnclosedElements())) {
            if (m.getSimpleName().contentEquals(scope.method().getSimpleName())) {
                sameName++;
            }
        }
        return sameName > 1;
    }

    @Override
    public String methodName() {
        return scope.method().getSimpleName().toString();
    }

    @Override
    public List<String> parameterTypeNames() {
        return env.parameterTypeNames(scope.method());
    }

    @Override
    public Map<String, TypeModel> parameters() {
        return new LinkedHashMap<>(scope.parameters());
    }

    @Override
    public Target target() {
        return scope.target().isPresent() ? Target.of(scope.target().get()) : Target.STATIC;
    }

    @Override
    public Optional<TypeModel> result() {
        return scope.result().map(TypeModel.class::cast);
    }

    @Override
    public String returnTypeName() {
        return scope.method().getReturnType().toString();
    }

    @Override
    public ResultKind resultKind() {
        TypeMirror erased = env.types().erasure(scope.method().getReturnType());
        if (env.types().isSameType(erased, env.erasure("java.util.Optional"))) {
            return ResultKind.OPTIONAL;
        }
        if (env.types().isAssignable(erased, env.erasure("java.util.concurrent.CompletionStage"))) {
            return ResultKind.FUTURE;
        }
        return ResultKind.VALUE;
    }

    @Override
    public List<Declaration> declarations() {
        return declarations;
    }

    @Override
    public String typeDefault(String attribute) {
        String value = env.typeDefault(scope.declaringType(), attribute);
        if (attribute.equals("ttl") && !value.isEmpty()) {
            try {
                Durations.parse(value);
            } catch (IllegalArgumentException e) {
                return ""; // reported once, on the @CacheDefaults attribute, by the round
            }
        }
        if (attribute.equals("ttlJitter") && !value.isEmpty()) {
            try {
                TtlJitter.parse(value);
            } catch (IllegalArgumentException e) {
                return ""; // reported once, on the @CacheDefaults attribute, by the round
            }
        }
        return value;
    }

    @Override
    public MethodShape shape() {
        return new MethodShapes(env).of(scope.method());
    }

    @Override
    public List<MethodShape> methods() {
        return new MethodShapes(env).all(scope.declaringType());
    }

    @Override
    public Optional<String> batchMethodMismatch(String name, Placeholder value) {
        TypeMirror valueType =
                TemplateResolver.path(value.path(), scope, scope.result()).type();
        BatchMethodCheck.Found found = batchMethodCheck.find(name, valueType, scope.declaringType());
        found.method().ifPresent(method -> batchMethods.put(name, method));
        return found.mismatch();
    }

    @Override
    public Optional<TypeModel> elementType(String parameter) {
        for (VariableElement each : scope.method().getParameters()) {
            if (each.getSimpleName().contentEquals(parameter)) {
                List<TypeMirror> arguments =
                        typeArguments(each.asType(), "java.util.Collection", "java.util.Set", "java.util.List");
                return arguments.size() == 1 ? Optional.of(typeModel(arguments.get(0))) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public List<TypeModel> mapTypes() {
        List<TypeMirror> arguments = typeArguments(scope.method().getReturnType(), "java.util.Map");
        return arguments.size() == 2 ? List.of(typeModel(arguments.get(0)), typeModel(arguments.get(1))) : List.of();
    }

    /** The type arguments of {@code type} when it is one of {@code erasures}, with wildcards as their bounds. */
    List<TypeMirror> typeArguments(TypeMirror type, String... erasures) {
        if (!(type instanceof DeclaredType declared)) {
            return List.of();
        }
        for (String erasure : erasures) {
            if (env.types().isSameType(env.types().erasure(type), env.erasure(erasure))) {
                List<TypeMirror> arguments = new ArrayList<>();
                for (TypeMirror argument : declared.getTypeArguments()) {
                    arguments.add(bound(argument));
                }
                return arguments;
            }
        }
        return List.of();
    }

    private TypeMirror bound(TypeMirror argument) {
        if (argument instanceof WildcardType wildcard) {
            return wildcard.getExtendsBound() != null
                    ? wildcard.getExtendsBound()
                    : env.elements().getTypeElement("java.lang.Object").asType();
        }
        return argument;
    }

    private TypeModel typeModel(TypeMirror type) {
        return ElementTypeModel.root(type, env.types(), env.elements());
    }

    /** The scope of a method: its parameters' and result's type models. */
    static MethodScope scope(Env env, ExecutableElement method) {
        Map<String, ElementTypeModel> parameters = new LinkedHashMap<>();
        for (VariableElement parameter : method.getParameters()) {
            parameters.put(
                    parameter.getSimpleName().toString(),
                    ElementTypeModel.root(parameter.asType(), env.types(), env.elements()));
        }
        Optional<ElementTypeModel> result = method.getReturnType().getKind() == TypeKind.VOID
                ? Optional.empty()
                : Optional.of(ElementTypeModel.root(method.getReturnType(), env.types(), env.elements()));
        TypeElement declaring = (TypeElement) method.getEnclosingElement();
        Optional<ElementTypeModel> target = Optional.empty();
        if (!method.getModifiers().contains(Modifier.STATIC)) {
            target = Optional.of(
                    declaring.getKind().isInterface()
                            ? ElementTypeModel.root(declaring.asType(), env.types(), env.elements())
                            : ElementTypeModel.subclassView(declaring.asType(), env.types(), env.elements()));
        }
        return new MethodScope(method, declaring, parameters, result, target);
    }
}
