package dev.larder.weaver;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;

/**
 * The erased type arguments of a parameter or return type, read from a method's generic signature: {@code Long} for
 * {@code Set<Long>}, {@code [Long, Book]} for {@code Map<Long, Book>}. A wildcard is its upper bound, an unbounded
 * wildcard or a type variable {@code Object}. Empty when the method has no signature or the type has no arguments.
 */
final class TypeArguments {
    private static final Type OBJECT = Type.getObjectType("java/lang/Object");

    private TypeArguments() {}

    static List<Type> ofParameter(@Nullable String signature, int index) {
        if (signature == null) {
            return List.of();
        }
        Method method = new Method(index);
        new SignatureReader(signature).accept(method);
        return method.found == null ? List.of() : method.found.arguments;
    }

    static List<Type> ofReturn(@Nullable String signature) {
        return ofParameter(signature, -1);
    }

    /** Finds the parameter at {@code index} (the return type for -1) of a method signature. */
    private static final class Method extends SignatureVisitor {
        private final int index;
        private int parameter = -1;
        private @Nullable Outer found;

        Method(int index) {
            super(Opcodes.ASM9);
            this.index = index;
        }

        @Override
        public SignatureVisitor visitParameterType() {
            parameter++;
            return parameter == index ? (found = new Outer()) : new Ignored();
        }

        @Override
        public SignatureVisitor visitReturnType() {
            return index == -1 ? (found = new Outer()) : new Ignored();
        }

        @Override
        public SignatureVisitor visitClassBound() {
            return new Ignored();
        }

        @Override
        public SignatureVisitor visitInterfaceBound() {
            return new Ignored();
        }

        @Override
        public SignatureVisitor visitExceptionType() {
            return new Ignored();
        }
    }

    /** A type whose first-level arguments are collected, erased. */
    private static final class Outer extends SignatureVisitor {
        final List<Type> arguments = new ArrayList<>();

        Outer() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visitInnerClassType(String name) {
            arguments.clear(); // the arguments that count are the innermost class's
        }

        @Override
        public void visitTypeArgument() {
            arguments.add(OBJECT);
        }

        @Override
        public SignatureVisitor visitTypeArgument(char wildcard) {
            Argument argument = new Argument(wildcard == SignatureVisitor.SUPER);
            arguments.add(OBJECT);
            int slot = arguments.size() - 1;
            argument.onEnd = type -> arguments.set(slot, type);
            return argument;
        }
    }

    /** One type argument, erased: its class (an array's descriptor), or Object for a type variable or lower bound. */
    private static final class Argument extends SignatureVisitor {
        private final boolean lowerBound;
        private int arrays;
        private int depth;
        private @Nullable Type type;
        Consumer<Type> onEnd = type -> {};

        Argument(boolean lowerBound) {
            super(Opcodes.ASM9);
            this.lowerBound = lowerBound;
        }

        @Override
        public SignatureVisitor visitArrayType() {
            arrays++;
            return this;
        }

        @Override
        public void visitBaseType(char descriptor) {
            type = Type.getType(String.valueOf(descriptor));
            done();
        }

        @Override
        public void visitTypeVariable(String name) {
            type = OBJECT;
            done();
        }

        @Override
        public void visitClassType(String name) {
            if (depth++ == 0) {
                type = Type.getObjectType(name);
            }
        }

        @Override
        public void visitInnerClassType(String name) {
            if (depth == 1 && type != null) {
                type = Type.getObjectType(type.getInternalName() + "$" + name);
            }
        }

        @Override
        public SignatureVisitor visitTypeArgument(char wildcard) {
            return new Ignored();
        }

        @Override
        public void visitEnd() {
            if (--depth == 0) {
                done();
            }
        }

        private void done() {
            Type erased = type == null || lowerBound ? OBJECT : type;
            if (arrays > 0 && !lowerBound) {
                erased = Type.getType("[".repeat(arrays) + erased.getDescriptor());
            }
            onEnd.accept(erased);
        }
    }

    /** Reads a part of a signature without keeping it. */
    private static final class Ignored extends SignatureVisitor {
        Ignored() {
            super(Opcodes.ASM9);
        }
    }
}
