package dev.larder.weaver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Computes the stack map frames of a method the weaver generates, as its code is written: at each offset a jump or an
 * exception handler leads to, the locals set on every path that reaches it, with the types the generator declared
 * them with ({@link GeneratedCode}); a handler's, those set at every instruction of its range. ASM's own frame
 * computation ({@code COMPUTE_FRAMES}), or following every instruction's effect on the stack ({@code
 * AnalyzerAdapter}), cost a woven class about a third of its weaving time while an application starts; generated code
 * needs neither, because of the shape every generator keeps and the class comment of {@link GeneratedCode} states:
 * jumps go forward, the operand stack is empty at every jump and every label (an exception handler's holds its
 * exception), and a local holds only values of the type it was declared with. A jump backwards, a switch, an
 * instruction no path reaches or a handler also reached by a jump fails the weaving of the class, which then loads as
 * it is; the JVM's verifier checks the rest when the woven class is defined. The class writer computes the maxima
 * ({@link WovenClassWriter}).
 */
final class FrameComputer extends MethodVisitor {
    private static final Object[] EMPTY = {};
    private static final String THROWABLE = "java/lang/Throwable";

    /** The frame type of each local the generator declared, by slot; null where none was. */
    private Object[] declared;
    /**
     * The locals set on the way to the next instruction (TOP where unset); null after a jump, a return or a throw.
     * Never changed in place: the states recorded for labels and handlers share these arrays.
     */
    private Object @Nullable [] current;
    /** The locals at each label not yet placed that a jump leads to, merged over the jumps. */
    private final Map<Label, Object[]> pending = new HashMap<>();

    private final Set<Label> placed = new HashSet<>();
    private final List<Handler> handlers = new ArrayList<>();

    /**
     * The frame due before the next instruction: labels placed one after the other share an offset, and so one frame
     * that holds for every way into it. Null when none is due.
     */
    private Object @Nullable [] dueLocals;

    private Object[] dueStack = EMPTY;
    /** The locals last merged into the open handlers, so that an unchanged state is not merged again. */
    private Object @Nullable [] seenByHandlers;

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

    /**
     * Before each instruction: states the frame due here, checks that a path reaches the instruction, and lets the
     * handlers whose range holds it see its locals (an exception there enters the handler with them).
     */
    private Object[] instruction() {
        if (dueLocals != null) {
            frame(dueLocals, dueStack);
            dueLocals = null;
        }
        if (current == null) {
            throw new IllegalStateException("an instruction no path reaches, in generated code");
        }
        if (current != seenByHandlers) {
            for (Handler handler : handlers) {
                if (handler.open) {
                    handler.locals = handler.locals == null ? current : merge(handler.locals, current);
                }
            }
            seenByHandlers = current;
        }
        return current;
    }

    @Override
    public void visitInsn(int opcode) {
        instruction();
        super.visitInsn(opcode);
        if ((opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) || opcode == Opcodes.ATHROW) {
            current = null;
        }
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        instruction();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        Object[] before = instruction();
        super.visitVarInsn(opcode, varIndex);
        if (opcode < Opcodes.ISTORE || opcode > Opcodes.ASTORE) {
            return;
        }
        Object type = varIndex < declared.length ? declared[varIndex] : null;
        if (type == null) {
            throw new IllegalStateException("a store to local " + varIndex + ", which was not declared");
        }
        int size = opcode == Opcodes.LSTORE || opcode == Opcodes.DSTORE ? 2 : 1;
        Object[] locals = Arrays.copyOf(before, Math.max(before.length, varIndex + size));
        Arrays.fill(locals, before.length, locals.length, Opcodes.TOP);
        locals[varIndex] = type;
        if (size == 2) {
            locals[varIndex + 1] = Opcodes.TOP;
        }
        current = locals;
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        instruction();
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        instruction();
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        instruction();
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        instruction();
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        if (opcode == Opcodes.JSR) {
            throw new IllegalStateException("a subroutine in generated code");
        }
        reach(label, instruction());
        super.visitJumpInsn(opcode, label);
        if (opcode == Opcodes.GOTO) {
            current = null;
        }
    }

    @Override
    public void visitLdcInsn(Object value) {
        instruction();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        instruction();
        super.visitIincInsn(varIndex, increment);
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
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        instruction();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, @Nullable String type) {
        if (placed.contains(start)) {
            throw new IllegalStateException("an exception handler declared after its range began, in generated code");
        }
        handlers.add(new Handler(start, end, handler, type == null ? THROWABLE : type));
        super.visitTryCatchBlock(start, end, handler, type);
    }

    @Override
    public void visitLabel(Label label) {
        placed.add(label);
        super.visitLabel(label);
        for (Handler handler : handlers) {
            if (handler.end == label) {
                handler.open = false;
            }
        }
        Object[] reached = pending.remove(label);
        Object[] caught = null;
        String caughtType = null;
        for (Handler handler : handlers) {
            if (handler.handler == label) {
                if (handler.open || handler.locals == null) {
                    throw new IllegalStateException(
                            "an exception handler placed before its range ends, in generated code");
                }
                caught = caught == null ? handler.locals : merge(caught, handler.locals);
                // entries of one handler with different exception types meet in their common supertype, unknown
                // here without class files: Throwable, which holds for any
                caughtType = caughtType == null || caughtType.equals(handler.type) ? handler.type : THROWABLE;
            }
        }
        if (caught != null) {
            if (reached != null || current != null || (dueLocals != null && dueStack.length == 0)) {
                throw new IllegalStateException("an exception handler also reached by a jump, in generated code");
            }
            due(caught, new Object[] {caughtType});
        } else if (reached != null) {
            if (dueLocals != null && dueStack.length != 0) {
                throw new IllegalStateException("an exception handler also reached by a jump, in generated code");
            }
            due(current == null ? reached : merge(reached, current), EMPTY);
        }
        for (Handler handler : handlers) {
            if (handler.start == label) {
                handler.open = true;
                seenByHandlers = null; // the next instruction is in its range: it sees that one's locals
            }
        }
    }

    /** Makes a frame due before the next instruction, merged with one due at the same offset already. */
    private void due(Object[] locals, Object[] stack) {
        dueLocals = dueLocals == null ? locals : merge(dueLocals, locals);
        dueStack = stack;
        current = dueLocals;
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (!pending.isEmpty() || dueLocals != null) {
            throw new IllegalStateException("a jump to a label with no instruction after it, in generated code");
        }
        super.visitMaxs(maxStack, maxLocals);
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

    /** A handler's range, and the locals at every instruction of it written so far (null before the first). */
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
