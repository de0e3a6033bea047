package dev.larder.weaver;

import dev.larder.model.Operation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.Attribute;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.TypePath;
import org.objectweb.asm.commons.Method;

/**
 * The class-level part of weaving: each woven method's original code goes to its body method {@code
 * name$larder$body} and the method gets the code {@link WrapperWriter} writes, keeping its annotations and parameter
 * names; a {@code @Cached} method also gets its miss method ({@link MissWriter}); the site fields are added and created
 * first thing in the type initializer (one is added when the class has none); null-safe property-path helpers are
 * added as static synthetic methods ({@link PathHelpers}). Frames are computed for the generated code only ({@link
 * WovenClassWriter}).
 */
final class WovenClassVisitor extends ClassVisitor {
    /** A method to weave, with its site fields in the order the woven code uses them. */
    record Woven(MethodPlan plan, List<WrapperWriter.SiteRef> sites) {}

    private final WovenClassWriter writer;
    private final ClassInfo type;
    private final Host host;
    private final Map<String, Woven> woven;
    private final List<SiteInitializer.SiteField> fields;
    private final PathHelpers helpers;
    private boolean initializerSeen;

    /**
     * @param woven the methods to weave, by name and descriptor
     * @param fields every site field, with its factory call
     */
    WovenClassVisitor(
            WovenClassWriter writer, ClassInfo type, Map<String, Woven> woven, List<SiteInitializer.SiteField> fields) {
        super(ClassInfoReader.API, writer.copied());
        this.writer = writer;
        this.type = type;
        this.host = Host.of(type);
        this.helpers = new PathHelpers(host);
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
        int wrapperAccess = access & ~(Opcodes.ACC_SYNCHRONIZED | Opcodes.ACC_NATIVE);
        MethodVisitor wrapper = writer.declare(wrapperAccess, name, descriptor, signature, exceptions);
        MethodVisitor body = super.visitMethod(
                bodyAccess(access), Host.body(method.plan().method()).getName(), descriptor, signature, exceptions);
        return new Split(wrapperAccess, wrapper, body, method);
    }

    /** Private (public in an interface older than Java 9), synthetic; static and synchronized kept. */
    private int bodyAccess(int access) {
        int kept = access & (Opcodes.ACC_STATIC | Opcodes.ACC_SYNCHRONIZED | Opcodes.ACC_STRICT | Opcodes.ACC_VARARGS);
        return kept | host.hiddenAccess() | Opcodes.ACC_SYNTHETIC;
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
                super.visitField(fieldAccess, field.handleField(), RuntimeCalls.HANDLE.getDescriptor(), null, null)
                        .visitEnd();
            }
        }
        if (!initializerSeen) {
            MethodVisitor visitor = super.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
            visitor.visitCode();
            int maxStack = SiteInitializer.emit(visitor, type.internalName(), fields);
            visitor.visitInsn(Opcodes.RETURN);
            visitor.visitMaxs(maxStack, 0); // straight code: no frame
            visitor.visitEnd();
        }
        ConditionMethods.writeAll(writer, host, helpers, woven.values());
        helpers.writeAll(writer);
        super.visitEnd();
    }

    /** Sends a woven method's declaration to the wrapper and its code to the body method. */
    private final class Split extends MethodVisitor {
        private final int access;
        private final MethodVisitor wrapper;
        private final Woven method;
        private int firstLine;

        Split(int access, MethodVisitor wrapper, MethodVisitor body, Woven method) {
            super(ClassInfoReader.API, body);
            this.access = access;
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
            MethodInfo info = plan.method();
            Method woven = new Method(info.name(), info.descriptor());
            FrameComputer code = writer.code(access, woven.getName(), woven.getDescriptor());
            WrapperWriter.write(
                    new WovenCode(code, access, woven, host, info), plan, method.sites(), helpers, firstLine);
            for (WrapperWriter.SiteRef site : method.sites()) {
                if (site.operation() instanceof Operation.Cached) {
                    int missAccess =
                            host.hiddenAccess() | Opcodes.ACC_SYNTHETIC | (info.isStatic() ? Opcodes.ACC_STATIC : 0);
                    Method miss = Host.miss(info);
                    MissWriter.write(
                            new WovenCode(writer.add(missAccess, miss), missAccess, miss, host, info), info, site);
                }
            }
        }
    }

    /**
     * Prepends the site fields' creation to an existing type initializer. That code is straight, uses no local and
     * leaves the stack empty, so the initializer's own frames still hold; only its stack may grow.
     */
    private final class Prologue extends MethodVisitor {
        private int prologueStack;

        Prologue(MethodVisitor next) {
            super(ClassInfoReader.API, next);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            prologueStack = SiteInitializer.emit(mv, type.internalName(), fields);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(Math.max(maxStack, prologueStack), maxLocals);
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
