package dev.larder.agent.weaver;

import java.util.List;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Writes the creation of every site field, the first thing the type initializer does (before any code of the class
 * can call a woven method): {@code SITE = WovenMethods.cached(MethodHandles.lookup(), constants...)}.
 */
final class SiteInitializer {
    private static final String WOVEN = "dev/larder/internal/weave/WovenMethods";
    private static final String LOOKUP = "java/lang/invoke/MethodHandles$Lookup";

    /** One site field and the factory call that creates it. */
    record SiteField(String name, String descriptor, String factory, List<Object> constants) {}

    private SiteInitializer() {}

    /** Writes the creation of {@code fields} of class {@code owner}; returns the operand stack it needs. */
    static int emit(MethodVisitor visitor, String owner, List<SiteField> fields) {
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
}
