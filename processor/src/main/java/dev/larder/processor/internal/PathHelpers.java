package dev.larder.processor.internal;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;

/**
 * The {@code private static} helpers that read a property path such as {@code {user.address.city}} null-safely
 * (null anywhere along the path gives null), one per distinct path of a generated type.
 */
final class PathHelpers {
    private final Names names;
    private final Map<String, MethodSpec> helpers = new LinkedHashMap<>();

    PathHelpers(Names names) {
        this.names = names;
    }

    /** The expression for one placeholder, given the variable that holds its root. */
    CodeBlock expression(ValuePath path, String rootVariable) {
        if (path.accessors().isEmpty()) {
            boolean referenceArray = path.type().getKind() == TypeKind.ARRAY
                    && !((javax.lang.model.type.ArrayType) path.type())
                            .getComponentType()
                            .getKind()
                            .isPrimitive();
            // An array-typed single part would bind to key(Object...) as the parts themselves.
            return referenceArray ? CodeBlock.of("(Object) $N", rootVariable) : CodeBlock.of("$N", rootVariable);
        }
        return expression(path, rootVariable, parameterType(path.rootType()));
    }

    /** As {@link #expression(ValuePath, String)}, with the root declared as {@code rootType}. */
    CodeBlock expression(ValuePath path, String rootVariable, TypeName rootType) {
        String signature = rootType + "#" + String.join(".", path.accessors());
        MethodSpec helper = helpers.computeIfAbsent(signature, s -> helper(rootType, path.accessors()));
        return CodeBlock.of("$N($N)", helper, rootVariable);
    }

    List<MethodSpec> methods() {
        return new ArrayList<>(helpers.values());
    }

    private MethodSpec helper(TypeName rootType, List<String> accessors) {
        String name = names.fresh(propertyName(accessors.get(accessors.size() - 1)) + "Of");
        MethodSpec.Builder method = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(Object.class)
                .addParameter(rootType, "root");
        String current = "root";
        for (int i = 0; i < accessors.size() - 1; i++) {
            method.beginControlFlow("if ($N == null)", current)
                    .addStatement("return null")
                    .endControlFlow();
            String next = "v" + (i + 1);
            method.addStatement("var $N = $N.$L", next, current, accessors.get(i));
            current = next;
        }
        method.beginControlFlow("if ($N == null)", current)
                .addStatement("return null")
                .endControlFlow();
        return method.addStatement("return $N.$L", current, accessors.get(accessors.size() - 1))
                .build();
    }

    /** {@code getCity()} and {@code city()} give {@code city}, {@code isActive()} gives {@code active}. */
    private static String propertyName(String accessor) {
        String name = accessor.replace("()", "");
        for (String prefix : new String[] {"get", "is"}) {
            if (accessor.endsWith("()")
                    && name.length() > prefix.length()
                    && name.startsWith(prefix)
                    && Character.isUpperCase(name.charAt(prefix.length()))) {
                name = name.substring(prefix.length());
                return Character.toLowerCase(name.charAt(0)) + name.substring(1);
            }
        }
        return name;
    }

    /**
     * The helper's parameter type: the root's declared type, with type variables (which a static helper cannot name)
     * replaced by their bound or by {@code ?}.
     */
    private static TypeName parameterType(TypeMirror type) {
        if (type instanceof TypeVariable variable) {
            return parameterType(variable.getUpperBound());
        }
        if (type instanceof IntersectionType intersection) {
            return parameterType(intersection.getBounds().get(0));
        }
        if (type instanceof DeclaredType declared
                && !declared.getTypeArguments().isEmpty()) {
            ClassName raw = ClassName.get((TypeElement) declared.asElement());
            TypeName[] arguments = declared.getTypeArguments().stream()
                    .map(a -> mentionsTypeVariable(a) ? WildcardTypeName.subtypeOf(Object.class) : TypeName.get(a))
                    .toArray(TypeName[]::new);
            return ParameterizedTypeName.get(raw, arguments);
        }
        return TypeName.get(type);
    }

    private static boolean mentionsTypeVariable(TypeMirror type) {
        if (type.getKind() == TypeKind.TYPEVAR || type.getKind() == TypeKind.WILDCARD) {
            return true;
        }
        if (type instanceof DeclaredType declared) {
            return declared.getTypeArguments().stream().anyMatch(PathHelpers::mentionsTypeVariable);
        }
        if (type instanceof javax.lang.model.type.ArrayType array) {
            return mentionsTypeVariable(array.getComponentType());
        }
        return false;
    }
}
