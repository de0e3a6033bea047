package dev.larder.processor.internal;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Finds a {@code @WriteBehind(batchMethod)}: a non-private, non-static method of the same type taking one {@code
 * Collection} or {@code List} of the value type.
 */
final class BatchMethodCheck {
    private final Env env;
    private final Reporter reporter;

    BatchMethodCheck(Env env, Reporter reporter) {
        this.env = env;
        this.reporter = reporter;
    }

    Optional<ExecutableElement> find(Annotation annotation, String name, Template value, MethodScope scope) {
        TypeElement type = scope.declaringType();
        TypeMirror valueType = boxed(value.parts().get(0).type());
        DeclaredType listOfValues =
                env.types().getDeclaredType(env.elements().getTypeElement("java.util.List"), valueType);
        List<ExecutableElement> named = ElementFilter.methodsIn(env.elements().getAllMembers(type)).stream()
                .filter(m -> m.getSimpleName().contentEquals(name))
                .filter(m -> !m.getModifiers().contains(Modifier.PRIVATE)
                        && !m.getModifiers().contains(Modifier.STATIC))
                .toList();
        for (ExecutableElement candidate : named) {
            if (candidate.getParameters().size() == 1
                    && env.types()
                            .isAssignable(
                                    listOfValues,
                                    candidate.getParameters().get(0).asType())) {
                return Optional.of(candidate);
            }
        }
        String found = named.isEmpty()
                ? "there is no non-private, non-static method " + name + " on " + type.getSimpleName()
                : name + " takes "
                        + named.get(0).getParameters().stream()
                                .map(p -> p.asType().toString())
                                .toList();
        reporter.error(
                "LarderBatchMethod",
                scope.site() + ": @WriteBehind(batchMethod = \"" + name + "\") must name a method of "
                        + type.getSimpleName() + " taking one Collection<" + valueType + "> or List<" + valueType
                        + ">, but " + found,
                annotation,
                "batchMethod");
        return Optional.empty();
    }

    private TypeMirror boxed(TypeMirror type) {
        return type.getKind().isPrimitive()
                ? env.types()
                        .boxedClass((javax.lang.model.type.PrimitiveType) type)
                        .asType()
                : type;
    }
}
