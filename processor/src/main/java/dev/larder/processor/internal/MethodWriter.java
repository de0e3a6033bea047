package dev.larder.processor.internal;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.larder.model.Guard;
import dev.larder.model.Operation;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
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
    private final TagWriter tagWriter;
    /** {@code super} for a subclass, {@code this.delegate} for an interface wrapper. */
    private final String receiver;

    MethodWriter(Env env, DeclaredType owner, HandleFields handles, PathHelpers paths, String receiver) {
        this.env = env;
        this.owner = owner;
        this.handles = handles;
        this.paths = paths;
        this.tagWriter = new TagWriter(paths);
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
        Map<Step, String> conditions = conditions(method, model, locals, signature);
        Step main = null;
        List<Step> after = new ArrayList<>();
        for (Step step : model.steps()) {
            if (!(step.operation() instanceof Operation.Invalidate i)) {
                main = main == null ? step : main;
            } else if (i.before()) {
                beginGuard(method, conditions.get(step));
                invalidate(method, step, handles.declare(methodName, model.site(), step), result);
                endGuard(method, conditions.get(step));
            } else {
                after.add(step);
            }
        }
        Operation operation = main == null ? null : main.operation();
        String condition = main == null ? null : conditions.get(main);
        if (operation instanceof Operation.Cached) {
            if (condition != null) {
                // Declined: the method runs as if uncached, before the hit path reads or counts anything
                method.beginControlFlow("if (!$N)", condition);
                returnCall(method, signature, call);
                method.endControlFlow();
            }
            String handle =
                    handles.declare(methodName, model.site(), main, env.runtimeTypeName(signature.returnType()));
            method.addStatement("$T $N = $N.key($L)", Object.class, key, handle, keyArguments(main.key(), result));
            method.addStatement("$T $N = $N.get($N)", Object.class, value, handle, key);
            MethodSpec miss = main.tags().isEmpty()
                    ? missMethod(signature, methodName, handle, key, loader(main, signature, call, locals))
                    : taggedMissMethod(signature, methodName, handle, key, call, main, locals);
            method.beginControlFlow("if ($N == $T.MISS)", value, RuntimeTypes.CACHED_HANDLE)
                    .addStatement("$N = $N($N, $L)", value, miss, key, String.join(", ", signature.names()))
                    .endControlFlow();
            returnCast(method, signature.returnType(), value, result);
            return List.of(method.build(), miss);
        }
        if (operation instanceof Operation.CachedAll all) {
            method.addStatement("return $L", bulkCall(signature, methodName, model.site(), main, all, locals));
            suppressUnchecked(method);
            return List.of(method.build());
        }
        if (operation instanceof Operation.WriteBehind) {
            String handle = handles.declare(methodName, model.site(), main);
            beginGuard(method, condition);
            method.addStatement("$T $N = $N.key($L)", Object.class, key, handle, keyArguments(main.key(), result));
            method.addStatement(
                    "$N.write(this, $N, $L, () -> $L)", handle, key, valueExpression(main.value(), result), call);
            if (condition != null) {
                method.nextControlFlow("else").addStatement("$L", call); // declined: written now, uncached
                method.endControlFlow();
            }
        } else {
            if (signature.returnsVoid()) {
                method.addStatement("$L", call);
            } else {
                method.addStatement("$T $N = $L", signature.returnTypeName(), result, call);
            }
            if (operation instanceof Operation.WriteThrough) {
                String handle = handles.declare(methodName, model.site(), main);
                beginGuard(method, condition);
                method.addStatement("$T $N = $N.key($L)", Object.class, key, handle, keyArguments(main.key(), result));
                method.addStatement("$N.put($N, $L)", handle, key, valueExpression(main.value(), result));
                endGuard(method, condition);
            }
        }
        for (Step step : after) {
            beginGuard(method, conditions.get(step));
            invalidate(method, step, handles.declare(methodName, model.site(), step), result);
            endGuard(method, conditions.get(step));
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
            Signature signature, String methodName, String handle, String key, CodeBlock loader) {
        MethodSpec proto = signature.builder().build();
        return MethodSpec.methodBuilder(methodName + "$larder$miss")
                .addModifiers(Modifier.PRIVATE)
                .addTypeVariables(proto.typeVariables())
                .addParameter(Object.class, key)
                .addParameters(proto.parameters())
                .returns(Object.class)
                .addStatement("return $N.load(this, $N, $L)", handle, key, loader)
                .build();
    }

    /**
     * A {@code @CachedAll} call: {@code (Map<K, V>) (Map<?, ?>) HANDLE.getAll(ids, element -> HANDLE.key(element),
     * missing -> super.findAll((Set<K>) (Collection<?>) missing))}. Every key part is passed as an {@code Object},
     * which makes the same key as the single lookup's {@code key} overloads.
     */
    private CodeBlock bulkCall(
            Signature signature, String methodName, String site, Step main, Operation.CachedAll all, Names locals) {
        DeclaredType map = (DeclaredType) signature.returnType();
        String valueType = env.runtimeTypeName(map.getTypeArguments().get(1));
        String handle = handles.declare(methodName, site, main, valueType);
        String element = locals.fresh("element");
        String missing = locals.fresh("missing");
        List<CodeBlock> parts = new ArrayList<>();
        for (ValuePath path : main.key().parts()) {
            parts.add(
                    path.root().equals(all.keys())
                            ? CodeBlock.of("$N", element)
                            : CodeBlock.of("($T) $L", Object.class, part(path, "")));
        }
        List<CodeBlock> arguments = new ArrayList<>();
        TypeName keysType = null;
        for (int i = 0; i < signature.names().size(); i++) {
            String name = signature.names().get(i);
            if (name.equals(all.keys())) {
                keysType = signature.parameterTypes().get(i);
                arguments.add(CodeBlock.of("($T) ($T<?>) $N", keysType, java.util.Collection.class, missing));
            } else {
                arguments.add(CodeBlock.of("$N", name));
            }
        }
        return CodeBlock.of(
                "($T) ($T<?, ?>) $N.getAll($N, $N -> $N.key($L), $N -> $L.$N($L))",
                signature.returnTypeName(),
                java.util.Map.class,
                handle,
                all.keys(),
                element,
                handle,
                CodeBlock.join(parts, ", "),
                missing,
                receiver,
                methodName,
                CodeBlock.join(arguments, ", "));
    }

    private static void suppressUnchecked(MethodSpec.Builder method) {
        // The runtime hands the keys and the map over untyped; they are the method's own.
        method.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                .addMember("value", "$S", "unchecked")
                .build());
    }

    /**
     * The miss path of a tagged cached method: as {@link #missMethod}, with a lambda that renders the tags of the
     * value loaded from the call's arguments and the value.
     */
    private MethodSpec taggedMissMethod(
            Signature signature, String methodName, String handle, String key, String call, Step step, Names locals) {
        MethodSpec proto = signature.builder().build();
        String loaded = locals.fresh("loaded");
        String result = locals.fresh("result");
        // statements inside the lambda are plain text: the enclosing return is the one statement JavaPoet tracks
        boolean readsResult = step.tags().stream().anyMatch(Template::usesResult);
        CodeBlock.Builder tags = CodeBlock.builder().add("$N -> {\n$>", loaded);
        if (readsResult) {
            tags.add("$T $N = ($T) $N;\n", signature.returnTypeName(), result, signature.returnTypeName(), loaded);
        }
        tags.add("return $L;\n", tagWriter.array(step.tags(), result)).add("$<}");
        MethodSpec.Builder miss = MethodSpec.methodBuilder(methodName + "$larder$miss")
                .addModifiers(Modifier.PRIVATE)
                .addTypeVariables(proto.typeVariables())
                .addParameter(Object.class, key)
                .addParameters(proto.parameters())
                .returns(Object.class)
                .addStatement("return $N.load(this, $N, () -> $L, $L)", handle, key, call, tags.build());
        if (readsResult && !signature.returnType().getKind().isPrimitive()) {
            // the loaded value is cast back to the declared return type, which may be generic
            miss.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", "$S", "unchecked")
                    .build());
        }
        return miss.build();
    }

    /**
     * The loader of a cached method's miss: the call, or with {@code unless} the call whose result is handed to the
     * runtime as not to be stored when the unless method says so.
     */
    private CodeBlock loader(Step step, Signature signature, String call, Names locals) {
        Guard guard = step.guard();
        if (!guard.hasUnless()) {
            return CodeBlock.of("() -> $L", call);
        }
        String loaded = locals.fresh("loaded");
        List<String> arguments = new ArrayList<>(guard.unlessTakesArguments() ? signature.names() : List.of());
        arguments.add(loaded);
        return CodeBlock.builder()
                .add("() -> {\n")
                .indent()
                .add("$T $N = $L;\n", signature.returnTypeName(), loaded, call)
                .add(
                        "return $L.$N($L) ? $T.uncached($N) : $N;\n",
                        receiver,
                        guard.unless(),
                        String.join(", ", arguments),
                        RuntimeTypes.CACHED_HANDLE,
                        loaded,
                        loaded)
                .unindent()
                .add("}")
                .build();
    }

    /**
     * Calls the condition of every step that has one, first of all and once, into a local each; the steps' code then
     * runs only when its local is true.
     */
    private Map<Step, String> conditions(
            MethodSpec.Builder method, AnnotatedMethod model, Names locals, Signature signature) {
        Map<Step, String> conditions = new IdentityHashMap<>();
        for (Step step : model.steps()) {
            if (step.guard().hasCondition()) {
                String local = locals.fresh("condition");
                method.addStatement(
                        "boolean $N = $L.$N($L)",
                        local,
                        receiver,
                        step.guard().condition(),
                        String.join(", ", signature.names()));
                conditions.put(step, local);
            }
        }
        return conditions;
    }

    private static void beginGuard(MethodSpec.Builder method, @Nullable String condition) {
        if (condition != null) {
            method.beginControlFlow("if ($N)", condition);
        }
    }

    private static void endGuard(MethodSpec.Builder method, @Nullable String condition) {
        if (condition != null) {
            method.endControlFlow();
        }
    }

    private static void returnCall(MethodSpec.Builder method, Signature signature, String call) {
        if (signature.returnsVoid()) {
            method.addStatement("$L", call).addStatement("return");
        } else {
            method.addStatement("return $L", call);
        }
    }

    private void invalidate(MethodSpec.Builder method, Step step, String handle, String result) {
        Operation.Invalidate operation = (Operation.Invalidate) step.operation();
        if (operation.all()) {
            method.addStatement("$N.invalidateAll()", handle);
        } else if (!operation.cache().isEmpty()) {
            method.addStatement("$N.invalidate($N.key($L))", handle, handle, keyArguments(step.key(), result));
        }
        if (!step.tags().isEmpty()) {
            method.addStatement("$N.invalidateTags($L)", handle, tagWriter.array(step.tags(), result));
        }
    }

    private CodeBlock keyArguments(Template template, String result) {
        List<CodeBlock> parts = new ArrayList<>();
        for (ValuePath path : template.parts()) {
            parts.add(part(path, result));
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

    private CodeBlock part(ValuePath path, String result) {
        if (!path.usesTarget()) {
            return paths.expression(path, path.usesResult() ? result : path.root());
        }
        // A subclass is the target itself; an interface wrapper's target is the implementation it delegates to.
        if (!receiver.equals("super")) {
            return path.isTargetClass()
                    ? CodeBlock.of("$L.getClass().getName()", receiver)
                    : paths.expression(path, receiver);
        }
        TypeElement annotated = (TypeElement) owner.asElement();
        ClassName generated = Names.generated(annotated);
        if (path.isTargetClass()) {
            // Woven code sees the annotated class itself where this sees its generated subclass: name that class, so
            // a key is the same in every mode and one Redis entry serves them all.
            return CodeBlock.of(
                    "(getClass() == $T.class ? $S : getClass().getName())",
                    generated,
                    env.elements().getBinaryName(annotated).toString());
        }
        // Read through the generated type: a protected member inherited from another package is only reachable so.
        TypeName self = annotated.getTypeParameters().isEmpty()
                ? generated
                : ParameterizedTypeName.get(
                        generated,
                        annotated.getTypeParameters().stream()
                                .map(t -> WildcardTypeName.subtypeOf(Object.class))
                                .toArray(TypeName[]::new));
        return paths.expression(path, "this", self);
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
        List<TypeName> parameterTypes = new ArrayList<>();
        for (int i = 0; i < type.getParameterTypes().size(); i++) {
            String name = declaration.getParameters().get(i).getSimpleName().toString();
            names.add(name);
            parameterTypes.add(TypeName.get(type.getParameterTypes().get(i)));
            builder.addParameter(
                    ParameterSpec.builder(TypeName.get(type.getParameterTypes().get(i)), name)
                            .build());
        }
        builder.varargs(member.isVarArgs());
        builder.returns(TypeName.get(type.getReturnType()));
        type.getThrownTypes().forEach(t -> builder.addException(TypeName.get(t)));
        return new Signature(builder, names, type.getReturnType(), parameterTypes);
    }

    private record Signature(
            MethodSpec.Builder builder, List<String> names, TypeMirror returnType, List<TypeName> parameterTypes) {
        boolean returnsVoid() {
            return returnType.getKind() == TypeKind.VOID;
        }

        TypeName returnTypeName() {
            return TypeName.get(returnType);
        }
    }
}
