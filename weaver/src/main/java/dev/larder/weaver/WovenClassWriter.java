package dev.larder.weaver;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;

/**
 * How a woven class is written: ASM computes frames and maxima only for the methods the weaver generates; every other
 * method keeps its own. The class itself goes to a writer that computes nothing and shares the original's constant
 * pool, so a method the weaver leaves alone is copied as bytes, and a body moved to {@code name$larder$body} is copied
 * instruction by instruction with its original frames and maxima (same descriptor, same class, so they still hold).
 * The code of a generated method is written first to a scratch class of its own with the same header, whose writer
 * ({@link HierarchyClassWriter}) computes its frames from class files, then replayed, frames included, into the
 * method's place in the class. Frame computation, the costly part of writing, thus covers only the few methods that
 * need it. Not thread-safe: one instance per woven class.
 */
final class WovenClassWriter {
    private final ClassReader original;
    private final ClassFiles files;
    private final ClassWriter target;
    private final Map<String, MethodVisitor> declared = new HashMap<>();

    WovenClassWriter(ClassReader original, ClassFiles files) {
        this.original = original;
        this.files = files;
        this.target = new ClassWriter(original, 0);
    }

    /** Where the class goes: its header, fields, and the methods whose code and frames are copied. */
    ClassVisitor copied() {
        return target;
    }

    /**
     * Adds a method whose code the weaver generates, in this place among the class's methods.
     *
     * @return where its declaration (parameters, annotations, attributes) goes, not its code
     */
    MethodVisitor declare(
            int access, String name, String descriptor, @Nullable String signature, String @Nullable [] exceptions) {
        MethodVisitor declaration = target.visitMethod(access, name, descriptor, signature, exceptions);
        declared.put(name + descriptor, declaration);
        return declaration;
    }

    /**
     * Where the code of a method {@link #declare declared} with the same access, name and descriptor goes, from
     * {@code visitCode} to {@code visitEnd}; its frames and maxima are computed, and at {@code visitEnd} it is added
     * to the class (in the order a direct write would add its constants).
     */
    MethodVisitor code(int access, String name, String descriptor) {
        MethodVisitor declaration = declared.remove(name + descriptor);
        HierarchyClassWriter scratch = new HierarchyClassWriter(files);
        scratch.visit(
                original.readInt(4), // minor and major version, as ClassReader passes them
                original.getAccess(),
                original.getClassName(),
                null,
                original.getSuperName(),
                original.getInterfaces());
        return new Scratch(scratch.visitMethod(access, name, descriptor, null, null), scratch, declaration);
    }

    /** Adds a generated method without declarations: {@link #declare} then {@link #code}. */
    MethodVisitor generate(int access, String name, String descriptor) {
        declare(access, name, descriptor, null, null);
        return code(access, name, descriptor);
    }

    /** Where the woven class's supertypes and other types are read from. */
    ClassFiles files() {
        return files;
    }

    /** The woven class file, once the original class has been visited to its end. */
    byte[] toByteArray() {
        return target.toByteArray();
    }

    /** A generated method's code, written to a class of its own, then replayed with its frames into the class. */
    private static final class Scratch extends MethodVisitor {
        private final ClassWriter scratch;
        private final MethodVisitor declaration;

        Scratch(MethodVisitor code, ClassWriter scratch, MethodVisitor declaration) {
            super(ClassInfoReader.API, code);
            this.scratch = scratch;
            this.declaration = declaration;
        }

        @Override
        public void visitEnd() {
            super.visitEnd();
            scratch.visitEnd();
            new ClassReader(scratch.toByteArray()).accept(new Replay(declaration), 0);
        }
    }

    /** Sends the one method of a scratch class to its place in the woven class. */
    private static final class Replay extends ClassVisitor {
        private final MethodVisitor declaration;

        Replay(MethodVisitor declaration) {
            super(ClassInfoReader.API);
            this.declaration = declaration;
        }

        @Override
        public MethodVisitor visitMethod(
                int access,
                String name,
                String descriptor,
                @Nullable String signature,
                String @Nullable [] exceptions) {
            return declaration;
        }
    }
}
