package dev.larder.processor.internal;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Finds a {@code @WriteBehind(batchMethod)}: a non-private, non-static method of the type taking one {@code
 * Collection} or {@code List} of the value type. The message is the model's; this says what was found instead.
 */
final class BatchMethodCheck {
    private final Env env;

    /** The method, or what there is instead of it. */
    record Found(Optional<ExecutableElement> method, Optional<String> mismatch) {}

    BatchMethodCheck(Env env) {
        this.env = env;
    }

    Found find(String name, TypeMirror valueType, TypeElement type) {
        TypeMirror boxed = valueType instanceof PrimitiveType primitive
                ? env.types().boxedClass(primitive).asType()
                : valueType;
        DeclaredType listOfValues = env.types().getDeclaredType(env.elements().getTypeElement("java.util.List"), boxed);
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
                return new Found(Optional.of(candidate), Optional.empty());
            }
        }
        String found = named.isEmpty()
                ? "there is no non-private, non-static method " + name + " on " + type.getSimpleName()
                : name + " takes "
                        + named.get(0).getParameters().stream()
                                .map(p -> p.asType().toString())
                                .toList();
        return new Found(Optional.empty(), Optional.of(found));
    }
}
