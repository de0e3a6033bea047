package dev.larder.weaver;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Opcodes;

/**
 * What the weaver needs to know of one class, read from its class file by {@link ClassInfoReader} without loading it:
 * its shape, the members' signatures and annotations, and the parameter names javac records with {@code -parameters}.
 *
 * @param internalName {@code com/acme/Catalog$Page}
 * @param simpleName {@code Page}; empty for an anonymous class
 * @param canonicalName {@code com.acme.Catalog.Page}; null for local and anonymous classes
 */
record ClassInfo(
        int version,
        int access,
        String internalName,
        @Nullable String superName,
        List<String> interfaces,
        List<FieldInfo> fields,
        List<MethodInfo> methods,
        List<AnnotationInfo> annotations,
        List<FieldInfo> recordComponents,
        String simpleName,
        @Nullable String canonicalName) {

    ClassInfo {
        interfaces = List.copyOf(interfaces);
        fields = List.copyOf(fields);
        methods = List.copyOf(methods);
        annotations = List.copyOf(annotations);
        recordComponents = List.copyOf(recordComponents);
    }

    /** The binary name: {@code com.acme.Catalog$Page}. */
    String name() {
        return internalName.replace('/', '.');
    }

    /** The canonical name, or the binary name when there is none, as messages show a type. */
    String displayName() {
        return canonicalName != null ? canonicalName : name();
    }

    boolean isInterface() {
        return (access & Opcodes.ACC_INTERFACE) != 0;
    }

    boolean isRecord() {
        return "java/lang/Record".equals(superName);
    }

    /** A field or a record component. */
    record FieldInfo(int access, String name, String descriptor) {}
}
