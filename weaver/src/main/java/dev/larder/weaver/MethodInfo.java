package dev.larder.weaver;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * A method as its class file declares it.
 *
 * @param parameterNames from the {@code MethodParameters} attribute ({@code javac -parameters}), else {@code arg0},
 *     {@code arg1}...
 * @param parameterAnnotations each parameter's annotations, empty when none has any
 * @param namesRecorded whether {@code parameterNames} are the source's names rather than {@code arg0}, {@code arg1}...
 * @param signature the generic signature, or null when the method has none
 */
record MethodInfo(
        int access,
        String name,
        String descriptor,
        List<String> parameterNames,
        List<AnnotationInfo> annotations,
        List<List<AnnotationInfo>> parameterAnnotations,
        boolean namesRecorded,
        @Nullable String signature) {
    MethodInfo {
        parameterNames = List.copyOf(parameterNames);
        annotations = List.copyOf(annotations);
        parameterAnnotations = copies(parameterAnnotations);
    }

    // a loop, not a stream: the weaver runs while classes load, and a stream's first use loads its framework
    private static List<List<AnnotationInfo>> copies(List<List<AnnotationInfo>> lists) {
        if (lists.isEmpty()) {
            return List.of();
        }
        List<List<AnnotationInfo>> copies = new ArrayList<>(lists.size());
        for (List<AnnotationInfo> list : lists) {
            copies.add(List.copyOf(list));
        }
        return List.copyOf(copies);
    }

    MethodInfo(
            int access, String name, String descriptor, List<String> parameterNames, List<AnnotationInfo> annotations) {
        this(access, name, descriptor, parameterNames, annotations, List.of(), false, null);
    }

    /** The same method with the parameter names found elsewhere (a LocalVariableTable). */
    MethodInfo withParameterNames(List<String> names) {
        return new MethodInfo(access, name, descriptor, names, annotations, parameterAnnotations, true, signature);
    }

    /** A method proper: not a constructor or type initializer. */
    boolean isMethod() {
        return !name.startsWith("<");
    }

    boolean is(int flag) {
        return (access & flag) != 0;
    }

    boolean isStatic() {
        return is(Opcodes.ACC_STATIC);
    }

    boolean isPrivate() {
        return is(Opcodes.ACC_PRIVATE);
    }

    boolean isPublic() {
        return is(Opcodes.ACC_PUBLIC);
    }

    boolean isAbstract() {
        return is(Opcodes.ACC_ABSTRACT);
    }

    /** Synthetic or bridge: written by the compiler, never woven. */
    boolean isGenerated() {
        return is(Opcodes.ACC_SYNTHETIC) || is(Opcodes.ACC_BRIDGE);
    }

    Type[] parameterTypes() {
        return Type.getArgumentTypes(descriptor);
    }

    Type returnType() {
        return Type.getReturnType(descriptor);
    }

    /** Same name and parameter types: one overrides or implements the other. */
    boolean sameSignature(MethodInfo other) {
        return name.equals(other.name)
                && descriptor
                        .substring(0, descriptor.indexOf(')'))
                        .equals(other.descriptor.substring(0, other.descriptor.indexOf(')')));
    }
}
