package dev.larder.weaver;

import dev.larder.model.Operation;
import dev.larder.model.OperationCodec;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Writes the creation of every site field, the first thing the type initializer does (before any code of the class
 * can call a woven method): {@code SITE = WovenMethods.cached(MethodHandles.lookup(), constants...)}, with the
 * constants of {@link #constants}.
 */
final class SiteInitializer {
    private static final String WOVEN = "dev/larder/internal/weave/WovenMethods";
    private static final String LOOKUP = "java/lang/invoke/MethodHandles$Lookup";

    static final String HANDLE = "dev/larder/internal/handle/CachedHandle";

    /**
     * One site field and the factory call that creates it; for {@code @Cached}, {@code handleField} also names a
     * field holding the site's handle, which the hit path reads directly (one load less than through the site).
     */
    record SiteField(
            String name,
            String descriptor,
            String factory,
            List<Object> constants,
            @Nullable String handleField) {}

    private SiteInitializer() {}

    /**
     * The factory's arguments after the lookup, the same for every factory: the method's name, descriptor and
     * parameter names, the body copy's name ({@code ""} for none) and the operation as {@link OperationCodec} encodes
     * it.
     */
    static List<Object> constants(Operation operation, MethodPlan plan, String bodyCopy) {
        MethodInfo method = plan.method();
        return List.of(
                method.name(),
                method.descriptor(),
                String.join(",", plan.parameterNames()),
                bodyCopy,
                OperationCodec.encode(plan.site(), operation));
    }

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
            if (field.handleField() != null) {
                visitor.visitFieldInsn(Opcodes.GETSTATIC, owner, field.name(), field.descriptor());
                visitor.visitFieldInsn(
                        Opcodes.GETFIELD, "dev/larder/internal/weave/CachedSite", "handle", "L" + HANDLE + ";");
                visitor.visitFieldInsn(Opcodes.PUTSTATIC, owner, field.handleField(), "L" + HANDLE + ";");
            }
            maxStack = Math.max(maxStack, stack);
        }
        return maxStack;
    }
}
