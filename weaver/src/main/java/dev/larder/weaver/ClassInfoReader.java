package dev.larder.weaver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.RecordComponentVisitor;
import org.objectweb.asm.Type;

/**
 * Reads a {@link ClassInfo} from a class file with ASM, skipping all code: only declarations, annotations and the
 * {@code MethodParameters} attribute are looked at.
 */
final class ClassInfoReader extends ClassVisitor {
    static final int API = Opcodes.ASM9;

    private int version;
    private int access;
    private String internalName = "";
    private @Nullable String superName;
    private List<String> interfaces = List.of();
    private final List<ClassInfo.FieldInfo> fields = new ArrayList<>();
    private final List<MethodInfo> methods = new ArrayList<>();
    private final List<AnnotationInfo> annotations = new ArrayList<>();
    private final List<ClassInfo.FieldInfo> components = new ArrayList<>();
    private String simpleName = "";
    private @Nullable String canonicalName;
    private boolean nested;

    private ClassInfoReader() {
        super(API);
    }

    /** Describes a class file; throws {@link IllegalArgumentException} for bytes that are not one. */
    static ClassInfo read(byte[] classFile) {
        ClassInfoReader reader = new ClassInfoReader();
        new ClassReader(classFile).accept(reader, ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
        return reader.info();
    }

    private ClassInfo info() {
        if (!nested) {
            int slash = internalName.lastIndexOf('/');
            simpleName = internalName.substring(slash + 1);
            canonicalName = internalName.replace('/', '.');
        }
        return new ClassInfo(
                version,
                access,
                internalName,
                superName,
                interfaces,
                fields,
                methods,
                annotations,
                components,
                simpleName,
                canonicalName);
    }

    @Override
    public void visit(
            int version,
            int access,
            String name,
            @Nullable String signature,
            @Nullable String superName,
            String @Nullable [] interfaces) {
        this.version = version;
        this.access = access;
        this.internalName = name;
        this.superName = superName;
        this.interfaces = interfaces == null ? List.of() : List.of(interfaces);
    }

    @Override
    public void visitInnerClass(String name, @Nullable String outerName, @Nullable String innerName, int innerAccess) {
        if (name.equals(internalName)) {
            nested = true;
            simpleName = innerName == null ? "" : innerName;
            canonicalName = outerName == null || innerName == null
                    ? null
                    : outerName.replace('/', '.').replace('$', '.') + "." + innerName;
        }
    }

    @Override
    public @Nullable AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
        return new Values(descriptor, annotations);
    }

    @Override
    public @Nullable RecordComponentVisitor visitRecordComponent(
            String name, String descriptor, @Nullable String signature) {
        components.add(new ClassInfo.FieldInfo(Opcodes.ACC_PUBLIC, name, descriptor));
        return null;
    }

    @Override
    public @Nullable FieldVisitor visitField(
            int access, String name, String descriptor, @Nullable String signature, @Nullable Object value) {
        fields.add(new ClassInfo.FieldInfo(access, name, descriptor));
        return null;
    }

    @Override
    public MethodVisitor visitMethod(
            int access, String name, String descriptor, @Nullable String signature, String @Nullable [] exceptions) {
        return new MethodVisitor(API) {
            private final List<String> names = new ArrayList<>();
            private final List<AnnotationInfo> methodAnnotations = new ArrayList<>();
            private final List<List<AnnotationInfo>> parameterAnnotations = new ArrayList<>();

            @Override
            public void visitParameter(@Nullable String name, int parameterAccess) {
                names.add(name == null ? "arg" + names.size() : name);
            }

            @Override
            public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                return new Values(annotation, methodAnnotations);
            }

            @Override
            public AnnotationVisitor visitParameterAnnotation(int parameter, String annotation, boolean visible) {
                while (parameterAnnotations.size() <= parameter) {
                    parameterAnnotations.add(new ArrayList<>());
                }
                return new Values(annotation, parameterAnnotations.get(parameter));
            }

            @Override
            public void visitEnd() {
                int count = Type.getArgumentCount(descriptor);
                boolean recorded = names.size() == count;
                if (!recorded) { // no MethodParameters attribute, or one that does not fit
                    names.clear();
                    for (int i = 0; i < count; i++) {
                        names.add("arg" + i);
                    }
                }
                methods.add(new MethodInfo(
                        access, name, descriptor, names, methodAnnotations, parameterAnnotations, recorded));
            }
        };
    }

    /** Collects one annotation's values, arrays and nested annotations included. */
    private static final class Values extends AnnotationVisitor {
        private final @Nullable String descriptor;
        private final Map<String, Object> values = new LinkedHashMap<>();
        private final List<Object> elements = new ArrayList<>();
        private final @Nullable List<AnnotationInfo> target;
        private final @Nullable Values parent;
        private final @Nullable String name;

        /** An annotation of a class or method, added to {@code target} when done. */
        Values(String descriptor, List<AnnotationInfo> target) {
            super(API);
            this.descriptor = descriptor;
            this.target = target;
            this.parent = null;
            this.name = null;
        }

        /** A nested annotation ({@code descriptor} set) or an array (null), the value {@code name} of its parent. */
        private Values(@Nullable String descriptor, Values parent, @Nullable String name) {
            super(API);
            this.descriptor = descriptor;
            this.target = null;
            this.parent = parent;
            this.name = name;
        }

        private void put(@Nullable String key, Object value) {
            if (descriptor == null) {
                elements.add(value);
            } else {
                values.put(key, value);
            }
        }

        @Override
        public void visit(@Nullable String key, Object value) {
            put(key, value instanceof Type type ? type.getClassName() : value);
        }

        @Override
        public void visitEnum(@Nullable String key, String enumDescriptor, String value) {
            put(key, value);
        }

        @Override
        public AnnotationVisitor visitAnnotation(@Nullable String key, String nested) {
            return new Values(nested, this, key);
        }

        @Override
        public AnnotationVisitor visitArray(@Nullable String key) {
            return new Values(null, this, key);
        }

        @Override
        public void visitEnd() {
            Object done = descriptor == null ? List.copyOf(elements) : new AnnotationInfo(descriptor, values);
            if (target != null) {
                target.add((AnnotationInfo) done);
            } else if (parent != null) {
                parent.put(name, done);
            }
        }
    }
}
