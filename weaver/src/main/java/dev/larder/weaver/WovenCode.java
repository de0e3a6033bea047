package dev.larder.weaver;

import dev.larder.model.SpelCondition;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * A generator for one method added to or rewritten in a woven class, with the steps woven code shares: reading a site
 * field, passing the call's target and arguments, calling the body. The woven method's parameters come first, in
 * their slots; locals are allocated by {@link GeneratorAdapter#newLocal}; frames and maxima are computed ({@link
 * GeneratedCode}).
 */
final class WovenCode extends GeneratedCode {
    private final Host host;
    private final MethodInfo woven;
    private final int parameters;

    /**
     * @param access and {@code method}: the method written
     * @param woven the woven method, whose parameters the written method starts with
     */
    WovenCode(FrameComputer frames, int access, Method method, Host host, MethodInfo woven) {
        super(frames, access, method);
        this.host = host;
        this.woven = woven;
        this.parameters = woven.parameterTypes().length;
    }

    /** The site field on the stack. */
    void loadSite(WrapperWriter.SiteRef site) {
        getStatic(host.owner(), site.field(), Type.getType(site.descriptor()));
    }

    /** The site's handle on the stack, from its own static field. */
    void loadHandle(WrapperWriter.SiteRef site) {
        getStatic(host.owner(), site.handleField(), RuntimeCalls.HANDLE);
    }

    /** {@code this}, or null for a static method. */
    void loadTarget() {
        if (woven.isStatic()) {
            visitInsn(Opcodes.ACONST_NULL);
        } else {
            loadThis();
        }
    }

    /** The woven method's arguments as an {@code Object[]}, primitives boxed. */
    void pushArguments() {
        Type[] types = woven.parameterTypes();
        push(types.length);
        newArray(RuntimeCalls.OBJECT);
        for (int i = 0; i < types.length; i++) {
            dup();
            push(i);
            loadArg(i);
            valueOf(types[i]);
            arrayStore(RuntimeCalls.OBJECT);
        }
    }

    /** Calls an added method of the woven class with the target and the woven method's arguments. */
    void callOwn(Method method) {
        if (!woven.isStatic()) {
            loadThis();
        }
        loadArgs(0, parameters);
        invokeOwn(method, woven.isStatic());
    }

    /** Calls an added method of the woven class with what is on the stack. */
    void invokeOwn(Method method, boolean isStatic) {
        visitMethodInsn(
                host.invoke(isStatic),
                host.owner().getInternalName(),
                method.getName(),
                method.getDescriptor(),
                host.isInterface());
    }

    /**
     * Turns the object on top of the stack into {@code type}: a cast, or a cast to its exact wrapper and an unboxing.
     * Unlike {@link #unbox}, which goes through {@link Number}, the hit path checks against a final class and calls a
     * method bound statically, as the compiler's own unboxing does.
     */
    void castOrUnbox(Type type) {
        Type wrapper = wrapper(type);
        if (wrapper == null) {
            checkCast(type);
        } else {
            checkCast(wrapper);
            invokeVirtual(wrapper, new Method(type.getClassName() + "Value", type, new Type[0]));
        }
    }

    private static @Nullable Type wrapper(Type type) {
        return switch (type.getSort()) {
            case Type.BOOLEAN -> Type.getObjectType("java/lang/Boolean");
            case Type.BYTE -> Type.getObjectType("java/lang/Byte");
            case Type.CHAR -> Type.getObjectType("java/lang/Character");
            case Type.SHORT -> Type.getObjectType("java/lang/Short");
            case Type.INT -> Type.getObjectType("java/lang/Integer");
            case Type.FLOAT -> Type.getObjectType("java/lang/Float");
            case Type.LONG -> Type.getObjectType("java/lang/Long");
            case Type.DOUBLE -> Type.getObjectType("java/lang/Double");
            default -> null;
        };
    }

    /** Local {@code local} as an object, boxed if primitive; null when there is none ({@code local < 0}). */
    void loadBoxed(int local) {
        if (local < 0) {
            visitInsn(Opcodes.ACONST_NULL);
        } else {
            loadLocal(local);
            valueOf(getLocalType(local));
        }
    }

    /**
     * Calls a {@code boolean} method of the woven class a condition names ({@link dev.larder.model.Guard}), with the
     * target and (when {@code withArguments}) the woven method's arguments, followed by local {@code last} unless it is
     * negative; leaves the
     * boolean on the stack. The model checked that it exists, is not private, and is static exactly when the woven
     * method is.
     */
    void callCondition(String name, boolean withArguments, int last) {
        Type[] arguments = withArguments ? woven.parameterTypes() : new Type[0];
        if (last >= 0) {
            arguments = Arrays.copyOf(arguments, arguments.length + 1);
            arguments[arguments.length - 1] = getLocalType(last);
        }
        if (name.startsWith(SpelCondition.METHOD_PREFIX)) { // compiled from an expression: ConditionMethods
            loadArgs(0, parameters);
            if (last >= 0) {
                loadLocal(last);
            }
            invokeOwn(new Method(name, Type.BOOLEAN_TYPE, arguments), true);
            return;
        }
        if (!woven.isStatic()) {
            loadThis();
        }
        if (withArguments) {
            loadArgs(0, parameters);
        }
        if (last >= 0) {
            loadLocal(last);
        }
        int opcode = woven.isStatic()
                ? Opcodes.INVOKESTATIC
                : host.isInterface() ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL;
        visitMethodInsn(
                opcode,
                host.owner().getInternalName(),
                name,
                Type.getMethodDescriptor(Type.BOOLEAN_TYPE, arguments),
                host.isInterface());
    }
}
