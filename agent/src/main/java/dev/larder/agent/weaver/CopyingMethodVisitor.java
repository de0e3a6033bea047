package dev.larder.agent.weaver;

import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.jar.asm.Attribute;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Passes a method on unchanged and writes the same code a second time to {@code copy}: the body a refresh or a
 * write-behind flush runs. Labels get their own instances in the copy (an ASM label belongs to one method); the
 * method's annotations stay on the original only, so the copy is never mistaken for an annotated method.
 */
final class CopyingMethodVisitor extends MethodVisitor {
    private final MethodVisitor copy;
    private final Map<Label, Label> labels = new HashMap<>();

    CopyingMethodVisitor(MethodVisitor original, MethodVisitor copy) {
        super(OpenedClassReader.ASM_API, original);
        this.copy = copy;
    }

    private Label label(Label label) {
        return labels.computeIfAbsent(label, l -> new Label());
    }

    private Label[] labels(Label[] original) {
        Label[] mapped = new Label[original.length];
        for (int i = 0; i < original.length; i++) {
            mapped[i] = label(original[i]);
        }
        return mapped;
    }

    private Object[] frameItems(Object[] items, int count) {
        if (items == null) {
            return null;
        }
        Object[] mapped = items.clone();
        for (int i = 0; i < Math.min(count, mapped.length); i++) {
            if (mapped[i] instanceof Label l) {
                mapped[i] = label(l);
            }
        }
        return mapped;
    }

    @Override
    public void visitParameter(String name, int access) {
        super.visitParameter(name, access);
        copy.visitParameter(name, access);
    }

    @Override
    public void visitAttribute(Attribute attribute) {
        super.visitAttribute(attribute);
        copy.visitAttribute(attribute);
    }

    @Override
    public void visitCode() {
        super.visitCode();
        copy.visitCode();
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        super.visitFrame(type, numLocal, local, numStack, stack);
        copy.visitFrame(type, numLocal, frameItems(local, numLocal), numStack, frameItems(stack, numStack));
    }

    @Override
    public void visitInsn(int opcode) {
        super.visitInsn(opcode);
        copy.visitInsn(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        super.visitIntInsn(opcode, operand);
        copy.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        super.visitVarInsn(opcode, varIndex);
        copy.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        super.visitTypeInsn(opcode, type);
        copy.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        super.visitFieldInsn(opcode, owner, name, descriptor);
        copy.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        copy.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
        copy.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        super.visitJumpInsn(opcode, label);
        copy.visitJumpInsn(opcode, label(label));
    }

    @Override
    public void visitLabel(Label label) {
        super.visitLabel(label);
        copy.visitLabel(label(label));
    }

    @Override
    public void visitLdcInsn(Object value) {
        super.visitLdcInsn(value);
        copy.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        super.visitIincInsn(varIndex, increment);
        copy.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... targets) {
        super.visitTableSwitchInsn(min, max, dflt, targets);
        copy.visitTableSwitchInsn(min, max, label(dflt), labels(targets));
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] targets) {
        super.visitLookupSwitchInsn(dflt, keys, targets);
        copy.visitLookupSwitchInsn(label(dflt), keys, labels(targets));
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
        copy.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        super.visitTryCatchBlock(start, end, handler, type);
        copy.visitTryCatchBlock(label(start), label(end), label(handler), type);
    }

    @Override
    public void visitLocalVariable(
            String name, String descriptor, String signature, Label start, Label end, int index) {
        super.visitLocalVariable(name, descriptor, signature, start, end, index);
        copy.visitLocalVariable(name, descriptor, signature, label(start), label(end), index);
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        super.visitLineNumber(line, start);
        copy.visitLineNumber(line, label(start));
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(maxStack, maxLocals);
        copy.visitMaxs(maxStack, maxLocals);
    }

    @Override
    public void visitEnd() {
        super.visitEnd();
        copy.visitEnd();
    }
}
