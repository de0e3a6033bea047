package dev.larder.processor.internal;

import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** The compiler's utilities, and the few questions about types that several stages ask. */
public record Env(Types types, Elements elements) {

    /** The erasure of a type known by name, such as {@code java.util.Optional}. */
    public TypeMirror erasure(String qualifiedName) {
        return types.erasure(elements.getTypeElement(qualifiedName).asType());
    }

    /** The simple names of the erased parameter types, as sites and default cache names show them. */
    public List<String> parameterTypeNames(ExecutableElement method) {
        return method.getParameters().stream()
                .map(p -> simpleName(types.erasure(p.asType())))
                .collect(Collectors.toList());
    }

    private static String simpleName(TypeMirror type) {
        if (type.getKind() == TypeKind.ARRAY) {
            return simpleName(((ArrayType) type).getComponentType()) + "[]";
        }
        if (type.getKind() == TypeKind.DECLARED) {
            return ((DeclaredType) type).asElement().getSimpleName().toString();
        }
        return type.toString();
    }

    /** An attribute of the type's {@code @CacheDefaults}, or empty. */
    public String typeDefault(TypeElement type, String attribute) {
        return Annotation.find(type, "CacheDefaults", elements)
                .map(a -> a.string(attribute))
                .orElse("");
    }
}
