package dev.larder.weaver;

import dev.larder.model.Operation;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.Attribute;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.TypePath;

/**
 * The class-level part of weaving: each woven method's original code goes to its body method {@code
 * name$larder$body} and the method gets the code {@link WrapperWriter} writes, keeping its annotations and parameter
 * names; the site fields are added and created first thing in the type initializer (one is added when the class has
 * none); null-safe property-path helpers are added as static synthetic methods.
 */
final class WovenClassVisitor extends ClassVisitor {
    static final String BODY_SUFFIX = "$larder$body";
    static final String MISS_SUFFIX = "$larder$miss";
    private static final String PATH_HELPER = "larder$path$";

    /** A method to weave, with its site fields in the order the woven code uses them. */
    record Woven(MethodPlan plan, List<WrapperWriter.SiteRef> sites) {}

    private final ClassInfo type;
    private final Map<String, Woven> woven;
    private final List<SiteInitializer.SiteField> fields;
    private final Map<String, PathHelper> helpers = new LinkedHashMap<>();
    private boolean initializerSeen;

    private record PathHelper(String name, Type root, List<ClassFileTypeModel.Accessor> accessors) {}

    /**
     * @param woven the methods to weave, by name and descriptor
     * @param fields every site field, with its factory call
     */
    WovenClassVisitor(
            ClassVisitor next, ClassInfo type, Map<String, Woven> woven, List<SiteInitializer.SiteField> fields) {
        super(ClassInfoReader.API, next);
        this.type = type;
        this.woven = Map.copyOf(woven);
        this.fields = List.copyOf(fields);
    }

    @Override
    public @Nullable MethodVisitor visitMethod(
            int access, String name, String descriptor, @Nullable String signature, String @Nullable [] exceptions) {
        if (name.equals("<clinit>")) {
            initializerSeen = true;
            return new Prologue(super.visitMethod(access, name, descriptor, signature, exceptions));
        }
        Woven method = woven.get(name + descriptor);
        if (method == null) {
            return super.visitMethod(access, name, descriptor, signature, exceptions);
        }
        MethodVisitor wrapper = super.visitMethod(
                access & ~(Opcodes.ACC_SYNCHRONIZED | Opcodes.ACC_NATIVE), name, descriptor, signature, exceptions);
        MethodVisitor body =
                super.visitMethod(bodyAccess(access), name + BODY_SUFFIX, descriptor, signature, exceptions);
        return new Split(wrapper, body, method);
    }

    /** Private (public in an interface older than Java 9), synthetic; static and synchronized kept. */
    private int bodyAccess(int access) {
        int kept = access & (Opcodes.ACC_STATIC | Opcodes.ACC_SYNCHRONIZED | Opcodes.ACC_STRICT | Opcodes.ACC_VARARGS);
        return kept | hiddenAccess() | Opcodes.ACC_SYNTHETIC;
    }

    private int hiddenAccess() {
        return type.isInterface() && (type.version() & 0xFFFF) < Opcodes.V9 ? Opcodes.ACC_PUBLIC : Opcodes.ACC_PRIVATE;
    }

    @Override
    public void visitEnd() {
        int fieldAccess = (type.isInterface() ? Opcodes.ACC_PUBLIC : Opcodes.ACC_PRIVATE)
                | Opcodes.ACC_STATIC
                | Opcodes.ACC_FINAL
                | Opcodes.ACC_SYNTHETIC;
        for (SiteInitializer.SiteField field : fields) {
            super.visitField(fieldAccess, field.name(), field.descriptor(), null, null)
                    .visitEnd();
            if (field.handleField() != null) {
                super.visitField(fieldAccess, field.handleField(), "L" + SiteInitializer.HANDLE + ";", null, null)
                        .visitEnd();
            }
        }
        if (!initializerSeen) {
            MethodVisitor visitor = super.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
            visitor.visitCode();
            SiteInitializer.emit(visitor, type.internalName(), fields);
            visitor.visitInsn(Opcodes.RETURN);
            visitor.visitMaxs(0, 0);
            visitor.visitEnd();
        }
        for (PathHelper helper : helpers.values()) {
            writeHelper(helper);
        }
        super.visitEnd();
    }

    private String pathHelper(Type root, List<ClassFileTypeModel.Accessor> accessors) {
        StringBuilder key = new StringBuilder(root.getDescriptor());
        for (ClassFileTypeModel.Accessor accessor : accessors) {
            key.append('.').append(accessor.name()).append(accessor.descriptor());
        }
        String signature = key.toString();
        PathHelper helper = helpers.get(signature);
        if (helper == null) {
            helper = new PathHelper(PATH_HELPER + helpers.size(), root, List.copyOf(accessors));
            helpers.put(signature, helper);
        }
        return helper.name();
    }

    /** {@code static Object larder$path$N(Root root)}: null when any step is null, else the last value, boxed. */
    private void writeHelper(PathHelper helper) {
        MethodVisitor mv = super.visitMethod(
                hiddenAccess() | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                helper.name(),
                "(" + helper.root().getDescriptor() + ")Ljava/lang/Object;",
                null,
                null);
        mv.visitCode();
        Label isNull = new Label();
        int current = 0;
        List<ClassFileTypeModel.Accessor> accessors = helper.accessors();
        for (int i = 0; i < accessors.size(); i++) {
            ClassFileTypeModel.Accessor accessor = accessors.get(i);
            mv.visitVarInsn(Opcodes.ALOAD, current);
            mv.visitJumpInsn(Opcodes.IFNULL, isNull);
            mv.visitVarInsn(Opcodes.ALOAD, current);
            if (accessor.opcode() == Opcodes.GETFIELD) {
                mv.visitFieldInsn(Opcodes.GETFIELD, accessor.owner(), accessor.name(), accessor.descriptor());
            } else {
                mv.visitMethodInsn(
                        accessor.opcode(),
                        accessor.owner(),
                        accessor.name(),
                        accessor.descriptor(),
                        accessor.isInterface());
            }
            if (i < accessors.size() - 1) {
                current = 1;
                mv.visitVarInsn(Opcodes.ASTORE, current);
            } else {
                WrapperWriter.box(mv, accessor.type());
                mv.visitInsn(Opcodes.ARETURN);
            }
        }
        mv.visitLabel(isNull);
        mv.visitFrame(Opcodes.F_NEW, 1, new Object[] {WrapperWriter.frameType(helper.root())}, 0, new Object[0]);
        mv.visitInsn(Opcodes.ACONST_NULL);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Sends a woven method's declaration to the wrapper and its code to the body method. */
    private final class Split extends MethodVisitor {
        private final MethodVisitor wrapper;
        private final Woven method;
        private int firstLine;

        Split(MethodVisitor wrapper, MethodVisitor body, Woven method) {
            super(ClassInfoReader.API, body);
            this.wrapper = wrapper;
            this.method = method;
        }

        @Override
        public void visitParameter(String name, int access) {
            wrapper.visitParameter(name, access);
            super.visitParameter(name, access);
        }

        @Override
        public @Nullable AnnotationVisitor visitAnnotationDefault() {
            return wrapper.visitAnnotationDefault();
        }

        @Override
        public @Nullable AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return wrapper.visitAnnotation(descriptor, visible);
        }

        @Override
        public @Nullable AnnotationVisitor visitTypeAnnotation(
                int typeRef, @Nullable TypePath typePath, String descriptor, boolean visible) {
            return wrapper.visitTypeAnnotation(typeRef, typePath, descriptor, visible);
        }

        @Override
        public void visitAnnotableParameterCount(int parameterCount, boolean visible) {
            wrapper.visitAnnotableParameterCount(parameterCount, visible);
        }

        @Override
        public @Nullable AnnotationVisitor visitParameterAnnotation(int parameter, String descriptor, boolean visible) {
            return wrapper.visitParameterAnnotation(parameter, descriptor, visible);
        }

        @Override
        public void visitAttribute(Attribute attribute) {
            wrapper.visitAttribute(attribute);
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            if (firstLine == 0) {
                firstLine = line;
            }
            super.visitLineNumber(line, start);
        }

        @Override
        public void visitEnd() {
            super.visitEnd();
            MethodPlan plan = method.plan();
            WrapperWriter.Context context = new WrapperWriter.Context() {
                @Override
                public String owner() {
                    return type.internalName();
                }

                @Override
                public boolean isInterface() {
                    return type.isInterface();
                }

                @Override
                public String bodyName() {
                    return plan.method().name() + BODY_SUFFIX;
                }

                @Override
                public String missName() {
                    return plan.method().name() + MISS_SUFFIX;
                }

                @Override
                public int bodyInvoke() {
                    if (plan.method().isStatic()) {
                        return Opcodes.INVOKESTATIC;
                    }
                    if (hiddenAccess() == Opcodes.ACC_PUBLIC) {
                        return Opcodes.INVOKEINTERFACE;
                    }
                    return Opcodes.INVOKESPECIAL;
                }

                @Override
                public String pathHelper(Type root, List<ClassFileTypeModel.Accessor> accessors) {
                    return WovenClassVisitor.this.pathHelper(root, accessors);
                }
            };
            WrapperWriter writer = new WrapperWriter(wrapper, plan, method.sites(), context);
            writer.write(firstLine);
            for (WrapperWriter.SiteRef site : method.sites()) {
                if (site.operation() instanceof Operation.Cached) {
                    int access = hiddenAccess()
                            | Opcodes.ACC_SYNTHETIC
                            | (plan.method().isStatic() ? Opcodes.ACC_STATIC : 0);
                    MethodVisitor miss =
                            cv.visitMethod(access, context.missName(), writer.missDescriptor(), null, null);
                    new WrapperWriter(miss, plan, method.sites(), context).writeMiss(site);
                }
            }
        }
    }

    /** Prepends the site fields' creation to an existing type initializer. */
    private final class Prologue extends MethodVisitor {
        private int stack;

        Prologue(MethodVisitor next) {
            super(ClassInfoReader.API, next);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            stack = SiteInitializer.emit(mv, type.internalName(), fields);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(Math.max(maxStack, stack), maxLocals);
        }
    }

    static Map<String, Woven> byNameAndDescriptor(List<Woven> methods) {
        Map<String, Woven> map = new HashMap<>();
        for (Woven method : methods) {
            map.put(method.plan().method().name() + method.plan().method().descriptor(), method);
        }
        return map;
    }
}
