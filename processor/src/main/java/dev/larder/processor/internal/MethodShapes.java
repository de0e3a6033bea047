package dev.larder.processor.internal;

import dev.larder.model.MethodShape;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/** Methods as {@link dev.larder.model.ConditionRule} sees them: erased types, named as javac writes them. */
final class MethodShapes {
    private final Env env;

    MethodShapes(Env env) {
        this.env = env;
    }

    MethodShape of(ExecutableElement method) {
        List<String> parameters = new ArrayList<>();
        for (var parameter : method.getParameters()) {
            parameters.add(erased(parameter.asType()));
        }
        boolean checked = false;
        for (TypeMirror thrown : method.getThrownTypes()) {
            checked |= !env.types().isSubtype(thrown, env.erasure("java.lang.RuntimeException"))
                    && !env.types().isSubtype(thrown, env.erasure("java.lang.Error"));
        }
        return new MethodShape(
                method.getSimpleName().toString(),
                parameters,
                erased(method.getReturnType()),
                method.getModifiers().contains(Modifier.STATIC),
                method.getModifiers().contains(Modifier.PRIVATE),
                checked);
    }

    /** The methods of {@code type}, declared and inherited. */
    List<MethodShape> all(TypeElement type) {
        List<MethodShape> shapes = new ArrayList<>();
        for (ExecutableElement method : ElementFilter.methodsIn(env.elements().getAllMembers(type))) {
            shapes.add(of(method));
        }
        return shapes;
    }

    private String erased(TypeMirror type) {
        return env.types().erasure(type).toString();
    }
}
