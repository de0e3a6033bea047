package dev.larder.weaver;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * A method as its class file declares it.
 *
 * @param parameterNames from the {@code MethodParameters} attribute ({@code javac -parameters}), else {@code arg0},
 *     {@code arg1}...
 * @param parameterAnnotations each parameter's annotations, empty when none has any
 * @param namesRecorded whether {@code parameterNames} are the source's names rather than {@code arg0}, {@code arg1}...
 */
record MethodInfo(
        int access,
        String name,
        String descriptor,
        List<String> parameterNames,
        List<AnnotationInfo> annotations,
        List<List<AnnotationInfo>> parameterAnnotations,
        boolean namesRecorded) {
    MethodInfo {
        parameterNames = List.copyOf(parameterNames);
        annotations = List.copyOf(annotations);
        parameterAnnotations = parameterAnnotations.stream().map(List::copyOf).toList();
    }

    MethodInfo(
            int access, String name, String descriptor, List<String> parameterNames, List<AnnotationInfo> annotations) {
        this(access, name, descriptor, parameterNames, annotations, List.of(), false);
    }

    /** The same method with the parameter names found elsewhere (a LocalVariableTable). */
    MethodInfo withParameterNames(List<String> names) {
        return new MethodInfo(access, name, descriptor, names, annotations, parameterAnnotations, true);
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
