package dev.larder.processor.internal;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import dev.larder.model.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import org.jspecify.annotations.Nullable;

/**
 * Writes one method of a generated type: the override (or delegation) that runs the method's operations in the
 * order invalidations-before, the body or cache operation, the write-through put, invalidations-after.
 */
final class MethodWriter {
    private final Env env;
    private final DeclaredType owner;
    private final HandleFields handles;
    private final PathHelpers paths;
    /** {@code super} for a subclass, {@code this.delegate} for an interface wrapper. */
    private final String receiver;

    MethodWriter(Env env, DeclaredType owner, HandleFields handles, PathHelpers paths, String receiver) {
        this.env = env;
        this.owner = owner;
        this.handles = handles;
        this.paths = paths;
        this.receiver = receiver;
    }

    /** A method that only calls the original: for the unannotated methods of an interface wrapper. */
    MethodSpec delegating(ExecutableElement member) {
        Signature signature = signature(member, member);
        MethodSpec.Builder method = signature.builder();
        String call = receiver + "." + member.getSimpleName() + "(" + String.join(", ", signature.names()) + ")";
        if (signature.returnsVoid()) {
            method.addStatement("$L", call);
        } else {
            method.addStatement("return $L", call);
        }
        return method.build();
    }

    /**
     * The overriding method, followed by the private helper it calls, if any (a cached method's miss path), for the
     * generated class to declare together.
     */
    List<MethodSpec> write(ExecutableElement member, AnnotatedMethod model) {
        Signature signature = signature(member, model.declaration());
        Names locals = new Names(signature.names());
        String methodName = member.getSimpleName().toString();
        String call = receiver + "." + methodName + "(" + String.join(", ", signature.names()) + ")";
        MethodSpec.Builder method = signature.builder();
        String result = locals.fresh("result");
        String key = locals.fresh("key");
        String value = locals.fresh("value");
        Step main = null;
        List<Step> after = new ArrayList<>();
        for (Step step : model.steps()) {
            if (!(step.operation() instanceof Operation.Invalidate i)) {
                main = main == null ? step : main;
            } else if (i.before()) {
                invalidate(method, step, handles.declare(methodName, model.site(), step), result);
            } else {
                after.add(step);
            }
        }
        Operation operation = main == null ? null : main.operation();
        if (operation instanceof Operation.Cached) {
            String handle =
                    handles.declare(methodName, model.site(), main, env.runtimeTypeName(signature.returnType()));
            method.addStatement("$T $N = $N.key($L)", Object.class, key, handle, keyArguments(main.key(), result));
            method.addStatement("$T $N = $N.get($N)", Object.class, value, handle, key);
            MethodSpec miss = missMethod(signature, methodName, handle, key, call);
            method.beginControlFlow("if ($N == $T.MISS)", value, RuntimeTypes.CACHED_HANDLE)
                    .addStatement("$N = $N($N, $L)", value, miss, key, String.join(", ", signature.names()))
                    .endControlFlow();
            returnCast(method, signature.returnType(), value, result);
            return List.of(method.build(), miss);
        }
        if (operation instanceof Operation.WriteBehind) {
            String handle = handles.declare(methodName, model.site(), main);
            method.addStatement("$T $N = $N.key($L)", Object.class, key, handle, keyArguments(main.key(), result));
            method.addStatement(
                    "$N.write(this, $N, $L, () -> $L)", handle, key, valueExpression(main.value(), result), call);
        } else {
            if (signature.returnsVoid()) {
                method.addStatement("$L", call);
            } else {
                method.addStatement("$T $N = $L", signature.returnTypeName(), result, call);
            }
            if (operation instanceof Operation.WriteThrough) {
                String handle = handles.declare(methodName, model.site(), main);
                method.addStatement("$T $N = $N.key($L)", Object.class, key, handle, keyArguments(main.key(), result));
                method.addStatement("$N.put($N, $L)", handle, key, valueExpression(main.value(), result));
            }
        }
        for (Step step : after) {
            invalidate(method, step, handles.declare(methodName, model.site(), step), result);
        }
        if (!signature.returnsVoid() && !(operation instanceof Operation.WriteBehind)) {
            method.addStatement("return $N", result);
        }
        return List.of(method.build());
    }

    /**
     * The miss path of a cached method, in a private method of its own: the overriding method a caller's JIT inlines is
     * then only the hit. Takes the key and the overridden method's parameters, typed and named as there.
     */
    private static MethodSpec missMethod(
            Signature signature, String methodName, String handle, String key, String call) {
        MethodSpec proto = signature.builder().build();
        return MethodSpec.methodBuilder(methodName + "$larder$miss")
                .addModifiers(Modifier.PRIVATE)
                .addTypeVariables(proto.typeVariables())
                .addParameter(Object.class, key)
                .addParameters(proto.parameters())
                .returns(Object.class)
                .addStatement("return $N.load(this, $N, () -> $L)", handle, key, call)
                .build();
    }

    private void invalidate(MethodSpec.Builder method, Step step, String handle, String result) {
        if (((Operation.Invalidate) step.operation()).all()) {
            method.addStatement("$N.invalidateAll()", handle);
        } else {
            method.addStatement("$N.invalidate($N.key($L))", handle, handle, keyArguments(step.key(), result));
        }
    }

    private CodeBlock keyArguments(Template template, String result) {
        List<CodeBlock> parts = new ArrayList<>();
        for (ValuePath path : template.parts()) {
            parts.add(paths.expression(path, path.usesResult() ? result : path.root()));
        }
        if (parts.size() > 1) {
            // Only a single part can be mistaken for the varargs array.
            List<CodeBlock> plain = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                ValuePath path = template.parts().get(i);
                String name = path.usesResult() ? result : path.root();
                if (!path.accessors().isEmpty()) {
                    plain.add(parts.get(i));
                } else if (parts.size() == 2 && boxedForKey(path.type(), i)) {
                    // key(int, Object) and key(long, Object) take a first int or long unboxed; anything else
                    // primitive is boxed here, so widening never binds a char, byte or short to key(int, Object)
                    // (whose key would differ from the boxed one) and two primitives never make the call ambiguous
                    plain.add(CodeBlock.of("($T) $N", Object.class, name));
                } else {
                    plain.add(CodeBlock.of("$N", name));
                }
            }
            parts = plain;
        }
        return CodeBlock.join(parts, ", ");
    }

    /** Whether a primitive part of a two-part key is passed boxed: all but an {@code int} or {@code long} first. */
    private static boolean boxedForKey(TypeMirror type, int index) {
        TypeKind kind = type.getKind();
        return kind.isPrimitive() && !(index == 0 && (kind == TypeKind.INT || kind == TypeKind.LONG));
    }

    private CodeBlock valueExpression(@Nullable Template template, String result) {
        Objects.requireNonNull(template, "template");
        ValuePath path = template.parts().get(0);
        CodeBlock expression = paths.expression(path, path.usesResult() ? result : path.root());
        return path.accessors().isEmpty() ? CodeBlock.of("$N", path.usesResult() ? result : path.root()) : expression;
    }

    private void returnCast(MethodSpec.Builder method, TypeMirror returnType, String value, String result) {
        TypeName boxed = TypeName.get(returnType).box();
        if (boxed.equals(ClassName.OBJECT)) {
            method.addStatement("return $N", value);
        } else if (reifiable(returnType)) {
            method.addStatement("return ($T) $N", boxed, value);
        } else {
            // The cache holds what this method returned, so the cast cannot fail.
            method.addStatement(
                    "$L $T $N = ($T) $N",
                    AnnotationSpec.builder(SuppressWarnings.class)
                            .addMember("value", "$S", "unchecked")
                            .build(),
                    boxed,
                    result,
                    boxed,
                    value);
            method.addStatement("return $N", result);
        }
    }

    private boolean reifiable(TypeMirror type) {
        if (type instanceof PrimitiveType) {
            return true;
        }
        if (type instanceof ArrayType array) {
            return reifiable(array.getComponentType());
        }
        if (type instanceof DeclaredType declared) {
            return declared.getTypeArguments().stream()
                    .allMatch(a ->
                            a instanceof WildcardType w && w.getExtendsBound() == null && w.getSuperBound() == null);
        }
        return false;
    }

    private Signature signature(ExecutableElement member, ExecutableElement declaration) {
        ExecutableType type = (ExecutableType) env.types().asMemberOf(owner, member);
        MethodSpec.Builder builder =
                MethodSpec.methodBuilder(member.getSimpleName().toString()).addAnnotation(java.lang.Override.class);
        if (env.elements().isDeprecated(member)) {
            builder.addAnnotation(Deprecated.class);
        }
        for (Modifier modifier : member.getModifiers()) {
            if (modifier == Modifier.PUBLIC || modifier == Modifier.PROTECTED) {
                builder.addModifiers(modifier);
            }
        }
        if (member.getEnclosingElement().getKind().isInterface()) {
            builder.addModifiers(Modifier.PUBLIC);
        }
        for (TypeParameterElement parameter : member.getTypeParameters()) {
            builder.addTypeVariable(TypeVariableName.get(parameter));
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < type.getParameterTypes().size(); i++) {
            String name = declaration.getParameters().get(i).getSimpleName().toString();
            names.add(name);
            builder.addParameter(
                    ParameterSpec.builder(TypeName.get(type.getParameterTypes().get(i)), name)
                            .build());
        }
        builder.varargs(member.isVarArgs());
        builder.returns(TypeName.get(type.getReturnType()));
        type.getThrownTypes().forEach(t -> builder.addException(TypeName.get(t)));
        return new Signature(builder, names, type.getReturnType());
    }

    private record Signature(MethodSpec.Builder builder, List<String> names, TypeMirror returnType) {
        boolean returnsVoid() {
            return returnType.getKind() == TypeKind.VOID;
        }

        TypeName returnTypeName() {
            return TypeName.get(returnType);
        }
    }
}
