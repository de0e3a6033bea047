package dev.larder.weaver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Computes the stack map frames of a method the weaver generates, as its code is written: at each label a jump or an
 * exception handler leads to, the locals set on every path that reaches it, with the types the generator declared
 * them with ({@link GeneratedCode}). ASM's own frame computation ({@code COMPUTE_FRAMES}), or following every
 * instruction's effect on the stack ({@code AnalyzerAdapter}), cost a woven class about a third of its weaving time
 * while an application starts; generated code needs neither, because of the shape every generator keeps and the class
 * comment of {@link GeneratedCode} states: jumps go forward, the operand stack is empty at every jump and every label
 * (an exception handler's holds its exception), and a local holds only values of the type it was declared with. A
 * jump backwards or an instruction no path reaches fails the weaving of the class, which then loads as it is; the JVM's
 * verifier checks the rest when the woven class is defined. The class writer computes the maxima ({@link
 * WovenClassWriter}).
 */
final class FrameComputer extends MethodVisitor {
    private static final Object[] EMPTY = {};

    /** The frame type of each local the generator declared, by slot; null where none was. */
    private Object[] declared;
    /** The locals set on the way to the current instruction (TOP where unset); null after a jump or a return. */
    private Object @Nullable [] current;
    /** The locals at each label not yet placed that a jump leads to, merged over the jumps. */
    private final Map<Label, Object[]> pending = new HashMap<>();

    private final Set<Label> placed = new HashSet<>();
    private final List<Handler> handlers = new ArrayList<>();

    /** Whether frames are stated against the one before: not in class files older than Java 6, which ASM refuses. */
    private final boolean compressed;
    /** The locals of the frame stated last, as stated. */
    private Object[] previous;

    /**
     * @param owner the internal name of the class the method is added to
     * @param version the class file's major version
     */
    FrameComputer(String owner, int access, String descriptor, MethodVisitor next, int version) {
        super(ClassInfoReader.API, next);
        this.compressed = version >= Opcodes.V1_6;
        List<Object> locals = new ArrayList<>();
        if ((access & Opcodes.ACC_STATIC) == 0) {
            locals.add(owner);
        }
        for (Type parameter : Type.getArgumentTypes(descriptor)) {
            locals.add(frameType(parameter));
            if (parameter.getSize() == 2) {
                locals.add(Opcodes.TOP);
            }
        }
        current = locals.toArray();
        declared = new Object[current.length];
        previous = stated(current);
    }

    /** The generator allocated local {@code slot} for values of {@code type}. */
    void declare(int slot, Type type) {
        if (slot >= declared.length) {
            declared = Arrays.copyOf(declared, slot + 2);
        }
        declared[slot] = frameType(type);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        super.visitVarInsn(opcode, varIndex);
        if (opcode < Opcodes.ISTORE || opcode > Opcodes.ASTORE) {
            return;
        }
        Object type = varIndex < declared.length ? declared[varIndex] : null;
        if (type == null) {
            throw new IllegalStateException("a store to local " + varIndex + ", which was not declared");
        }
        int size = opcode == Opcodes.LSTORE || opcode == Opcodes.DSTORE ? 2 : 1;
        Object[] before = reachable(); // shared with the states recorded so far: copied, never changed
        Object[] locals = Arrays.copyOf(before, Math.max(before.length, varIndex + size));
        Arrays.fill(locals, before.length, locals.length, Opcodes.TOP);
        locals[varIndex] = type;
        if (size == 2) {
            locals[varIndex + 1] = Opcodes.TOP;
        }
        current = locals;
        for (Handler handler : handlers) {
            if (handler.open) { // a handler may be entered from any instruction of its range
                handler.locals = merge(handler.locals, locals);
            }
        }
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        if (opcode == Opcodes.JSR) {
            throw new IllegalStateException("a subroutine in generated code");
        }
        reach(label, reachable());
        super.visitJumpInsn(opcode, label);
        if (opcode == Opcodes.GOTO) {
            current = null;
        }
    }

    @Override
    public void visitInsn(int opcode) {
        super.visitInsn(opcode);
        if ((opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) || opcode == Opcodes.ATHROW) {
            current = null;
        }
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        throw new IllegalStateException("a switch in generated code");
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        throw new IllegalStateException("a switch in generated code");
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, @Nullable String type) {
        handlers.add(new Handler(start, end, handler, type == null ? "java/lang/Throwable" : type));
        super.visitTryCatchBlock(start, end, handler, type);
    }

    @Override
    public void visitLabel(Label label) {
        placed.add(label);
        super.visitLabel(label);
        Object[] locals = pending.remove(label);
        if (locals != null) {
            locals = current == null ? locals : merge(locals, current);
            frame(locals, EMPTY);
            current = locals;
        }
        for (Handler handler : handlers) {
            if (handler.end == label) {
                handler.open = false;
            }
            if (handler.handler == label) {
                if (current != null || handler.open || handler.locals == null) {
                    throw new IllegalStateException("an exception handler reached otherwise, or before its range");
                }
                frame(handler.locals, new Object[] {handler.type});
                current = handler.locals;
            }
            if (handler.start == label) {
                handler.open = true;
                handler.locals = reachable();
            }
        }
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (!pending.isEmpty()) {
            throw new IllegalStateException("a jump to a label never placed, in generated code");
        }
        super.visitMaxs(maxStack, maxLocals);
    }

    private Object[] reachable() {
        if (current == null) {
            throw new IllegalStateException("an instruction no path reaches, in generated code");
        }
        return current;
    }

    private void reach(Label label, Object[] locals) {
        if (placed.contains(label)) {
            throw new IllegalStateException("a jump backwards in generated code");
        }
        Object[] before = pending.get(label);
        pending.put(label, before == null ? locals : merge(before, locals));
    }

    /**
     * States a frame, as the class file keeps it: against the frame before (the method's parameters before the first),
     * the same locals, a few more or a few fewer; whole only otherwise. Expanded frames would cost ASM's writer a
     * conversion of every type and a comparison of its own for each.
     */
    private void frame(Object[] locals, Object[] stack) {
        Object[] stated = stated(locals);
        if (!compressed) {
            super.visitFrame(Opcodes.F_NEW, stated.length, stated, stack.length, stack);
        } else if (stack.length == 0 && Arrays.equals(stated, previous)) {
            super.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
        } else if (stack.length == 1 && Arrays.equals(stated, previous)) {
            super.visitFrame(Opcodes.F_SAME1, 0, null, 1, stack);
        } else if (stack.length == 0 && extends3(stated, previous)) {
            Object[] added = Arrays.copyOfRange(stated, previous.length, stated.length);
            super.visitFrame(Opcodes.F_APPEND, added.length, added, 0, null);
        } else if (stack.length == 0 && extends3(previous, stated)) {
            super.visitFrame(Opcodes.F_CHOP, previous.length - stated.length, null, 0, null);
        } else {
            super.visitFrame(Opcodes.F_FULL, stated.length, stated, stack.length, stack);
        }
        previous = stated;
    }

    /** Whether {@code longer} is {@code shorter} and one to three more locals, as a frame may append or chop. */
    private static boolean extends3(Object[] longer, Object[] shorter) {
        int more = longer.length - shorter.length;
        return more >= 1 && more <= 3 && Arrays.equals(longer, 0, shorter.length, shorter, 0, shorter.length);
    }

    /** The locals as a frame states them: a long or double once, and no unset ones at the end. */
    private static Object[] stated(Object[] locals) {
        List<Object> stated = new ArrayList<>(locals.length);
        int end = 0;
        for (int i = 0; i < locals.length; i++) {
            stated.add(locals[i]);
            if (locals[i] != Opcodes.TOP) {
                end = stated.size();
            }
            if (locals[i] == Opcodes.LONG || locals[i] == Opcodes.DOUBLE) {
                i++;
            }
        }
        return stated.subList(0, end).toArray();
    }

    /** The locals set on both ways: the same type in both, else unset. */
    private static Object[] merge(Object[] first, Object[] second) {
        Object[] merged = Arrays.copyOf(first, Math.min(first.length, second.length));
        for (int i = 0; i < merged.length; i++) {
            if (!merged[i].equals(second[i])) {
                merged[i] = Opcodes.TOP;
            }
        }
        return merged;
    }

    private static Object frameType(Type type) {
        return switch (type.getSort()) {
            case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> Opcodes.INTEGER;
            case Type.FLOAT -> Opcodes.FLOAT;
            case Type.LONG -> Opcodes.LONG;
            case Type.DOUBLE -> Opcodes.DOUBLE;
            case Type.ARRAY -> type.getDescriptor();
            case Type.OBJECT -> type.getInternalName();
            default -> throw new IllegalArgumentException("no local of type " + type);
        };
    }

    /** A handler's range, and the locals set at every instruction of it written so far. */
    private static final class Handler {
        final Label start;
        final Label end;
        final Label handler;
        final String type;
        boolean open;
        Object @Nullable [] locals;

        Handler(Label start, Label end, Label handler, String type) {
            this.start = start;
            this.end = end;
            this.handler = handler;
            this.type = type;
        }
    }
}
