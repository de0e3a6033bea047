package dev.larder.agent.weaver;

import java.util.List;
import java.util.Map;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * The class-level part of weaving, in ASM: it puts the creation of every site field at the very start of the type
 * initializer (creating one when the class has none), before any code of the class can call a woven method, and it
 * keeps an untouched copy of the bodies that run later (refresh-ahead, write-behind) as private synthetic methods.
 * Registered after the advice, so it sees the original code first: the copy is the body as compiled.
 */
final class SiteInitializer implements AsmVisitorWrapper {
    private static final String WOVEN = "dev/larder/internal/weave/WovenMethods";
    private static final String LOOKUP = "java/lang/invoke/MethodHandles$Lookup";

    /** One site field and the factory call that creates it. */
    record SiteField(String name, String descriptor, String factory, List<Object> constants) {}

    /** A body to keep: {@code copyName} gets the method's code, without its annotations. */
    record BodyCopy(String copyName) {}

    private final List<SiteField> fields;
    private final Map<String, BodyCopy> copies;

    SiteInitializer(List<SiteField> fields, Map<String, BodyCopy> copies) {
        this.fields = List.copyOf(fields);
        this.copies = Map.copyOf(copies);
    }

    @Override
    public int mergeWriter(int flags) {
        return flags;
    }

    @Override
    public int mergeReader(int flags) {
        return flags;
    }

    @Override
    public ClassVisitor wrap(
            TypeDescription instrumentedType,
            ClassVisitor classVisitor,
            Implementation.Context implementationContext,
            TypePool typePool,
            FieldList<FieldDescription.InDefinedShape> fieldList,
            MethodList<?> methods,
            int writerFlags,
            int readerFlags) {
        return new Visitor(classVisitor, instrumentedType.getInternalName());
    }

    private final class Visitor extends ClassVisitor {
        private final String owner;
        private boolean initializerSeen;

        Visitor(ClassVisitor next, String owner) {
            super(OpenedClassReader.ASM_API, next);
            this.owner = owner;
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor visitor = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (name.equals("<clinit>")) {
                initializerSeen = true;
                return new Prologue(visitor);
            }
            BodyCopy copy = copies.get(name + descriptor);
            if (copy == null || visitor == null) {
                return visitor;
            }
            int copyAccess = Opcodes.ACC_PRIVATE
                    | Opcodes.ACC_SYNTHETIC
                    | (access & (Opcodes.ACC_STATIC | Opcodes.ACC_STRICT | Opcodes.ACC_VARARGS));
            MethodVisitor copyVisitor =
                    super.visitMethod(copyAccess, copy.copyName(), descriptor, signature, exceptions);
            return new CopyingMethodVisitor(visitor, copyVisitor);
        }

        @Override
        public void visitEnd() {
            if (!initializerSeen && !fields.isEmpty()) {
                MethodVisitor visitor = super.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
                visitor.visitCode();
                int stack = emit(visitor);
                visitor.visitInsn(Opcodes.RETURN);
                visitor.visitMaxs(stack, 0);
                visitor.visitEnd();
            }
            super.visitEnd();
        }

        /** Writes every site field's creation; returns the operand stack it needs. */
        int emit(MethodVisitor visitor) {
            int maxStack = 0;
            for (SiteField field : fields) {
                visitor.visitMethodInsn(
                        Opcodes.INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup", "()L" + LOOKUP + ";", false);
                int stack = 1;
                StringBuilder descriptor = new StringBuilder("(L" + LOOKUP + ";");
                for (Object constant : field.constants()) {
                    if (constant instanceof Boolean b) {
                        visitor.visitInsn(b ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
                        descriptor.append('Z');
                        stack += 1;
                    } else if (constant instanceof Integer) {
                        visitor.visitLdcInsn(constant);
                        descriptor.append('I');
                        stack += 1;
                    } else if (constant instanceof Double) {
                        visitor.visitLdcInsn(constant);
                        descriptor.append('D');
                        stack += 2;
                    } else {
                        visitor.visitLdcInsn((String) constant);
                        descriptor.append("Ljava/lang/String;");
                        stack += 1;
                    }
                }
                descriptor.append(')').append(field.descriptor());
                visitor.visitMethodInsn(Opcodes.INVOKESTATIC, WOVEN, field.factory(), descriptor.toString(), false);
                visitor.visitFieldInsn(Opcodes.PUTSTATIC, owner, field.name(), field.descriptor());
                maxStack = Math.max(maxStack, stack);
            }
            return maxStack;
        }

        /** Prepends the site fields' creation to an existing type initializer. */
        private final class Prologue extends MethodVisitor {
            private int stack;

            Prologue(MethodVisitor next) {
                super(OpenedClassReader.ASM_API, next);
            }

            @Override
            public void visitCode() {
                super.visitCode();
                stack = emit(mv);
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                super.visitMaxs(Math.max(maxStack, stack), maxLocals);
            }
        }
    }
}
