package dev.larder.weaver;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.Method;

/**
 * The class being woven, as its woven code refers to it: where the site fields and the added methods are, and how those
 * methods are hidden and called.
 *
 * @param publicHidden whether added methods must be public: in an interface older than Java 9, which has no private
 *     methods; otherwise they are private
 */
record Host(Type owner, boolean isInterface, boolean publicHidden) {
    static final String BODY_SUFFIX = "$larder$body";
    static final String MISS_SUFFIX = "$larder$miss";

    static Host of(ClassInfo type) {
        return new Host(
                Type.getObjectType(type.internalName()),
                type.isInterface(),
                type.isInterface() && (type.version() & 0xFFFF) < Opcodes.V9);
    }

    /** The access of an added method or field, before {@code static} and {@code synthetic}. */
    int hiddenAccess() {
        return publicHidden ? Opcodes.ACC_PUBLIC : Opcodes.ACC_PRIVATE;
    }

    /** The opcode calling an added method, static or not, of this class. */
    int invoke(boolean isStatic) {
        if (isStatic) {
            return Opcodes.INVOKESTATIC;
        }
        return publicHidden ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKESPECIAL;
    }

    /** The method the original code of {@code method} moves to: its name with {@link #BODY_SUFFIX}. */
    static Method body(MethodInfo method) {
        return new Method(method.name() + BODY_SUFFIX, method.descriptor());
    }

    /** The miss method of a {@code @Cached} method: its parameters and the key, returning what it returns. */
    static Method miss(MethodInfo method) {
        Type[] parameters = method.parameterTypes();
        Type[] withKey = new Type[parameters.length + 1];
        System.arraycopy(parameters, 0, withKey, 0, parameters.length);
        withKey[parameters.length] = RuntimeCalls.OBJECT;
        return new Method(method.name() + MISS_SUFFIX, method.returnType(), withKey);
    }
}
