package dev.larder.processor.internal;

import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
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

    /**
     * A type as {@link java.lang.reflect.Type#getTypeName()} writes it at run time (binary names, so {@code
     * com.acme.Outer$Inner}; type arguments in angle brackets), which the runtime decodes Redis values into without
     * reflection; empty when it names a type variable, whose type only the caller knows.
     */
    public String runtimeTypeName(TypeMirror type) {
        switch (type.getKind()) {
            case BOOLEAN, BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE, VOID:
                return type.getKind().name().toLowerCase(java.util.Locale.ROOT);
            case ARRAY:
                String component = runtimeTypeName(((ArrayType) type).getComponentType());
                return component.isEmpty() ? "" : component + "[]";
            case DECLARED:
                return declaredName((DeclaredType) type);
            case WILDCARD:
                WildcardType wildcard = (WildcardType) type;
                if (wildcard.getExtendsBound() != null) {
                    String bound = runtimeTypeName(wildcard.getExtendsBound());
                    return bound.isEmpty() ? "" : "? extends " + bound;
                }
                if (wildcard.getSuperBound() != null) {
                    String bound = runtimeTypeName(wildcard.getSuperBound());
                    return bound.isEmpty() ? "" : "? super " + bound;
                }
                return "?";
            default:
                return "";
        }
    }

    private String declaredName(DeclaredType type) {
        StringBuilder name = new StringBuilder(
                elements.getBinaryName((TypeElement) type.asElement()).toString());
        List<? extends TypeMirror> arguments = type.getTypeArguments();
        if (!arguments.isEmpty()) {
            name.append('<');
            for (int i = 0; i < arguments.size(); i++) {
                String argument = runtimeTypeName(arguments.get(i));
                if (argument.isEmpty()) {
                    return "";
                }
                name.append(i == 0 ? "" : ", ").append(argument);
            }
            name.append('>');
        }
        return name.toString();
    }

    /** An attribute of the type's {@code @CacheDefaults}, or empty. */
    public String typeDefault(TypeElement type, String attribute) {
        return Annotation.find(type, "CacheDefaults", elements)
                .map(a -> a.string(attribute))
                .orElse("");
    }
}
