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
 * The code of the generated methods is written first to one scratch class with the same header, whose writer
 * ({@link HierarchyClassWriter}) computes their frames from class files, then replayed, frames included, into each
 * method's place in the class when the class is written. Frame computation, the costly part of writing, thus covers
 * only the few methods that need it, and one scratch class serves them all: a scratch class per method cost a writer,
 * a write and a read more for each (about 4 ms of the loading thread's CPU when 40 classes are woven at start-up).
 * Not thread-safe: one instance per woven class.
 */
final class WovenClassWriter {
    private final ClassReader original;
    private final ClassFiles files;
    private final ClassWriter target;
    private final Map<String, MethodVisitor> declared = new HashMap<>();
    /** The declarations whose code is in the scratch class, by name and descriptor. */
    private final Map<String, MethodVisitor> pending = new HashMap<>();

    private @Nullable HierarchyClassWriter scratch;

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
     * {@code visitCode} to {@code visitEnd}; its frames and maxima are computed, and it is added to the class when
     * the class is written ({@link #toByteArray}).
     */
    MethodVisitor code(int access, String name, String descriptor) {
        String key = name + descriptor;
        MethodVisitor declaration = declared.remove(key);
        pending.put(key, declaration);
        return scratch().visitMethod(access, name, descriptor, null, null);
    }

    private HierarchyClassWriter scratch() {
        if (scratch == null) {
            scratch = new HierarchyClassWriter(files);
            scratch.visit(
                    original.readInt(4), // minor and major version, as ClassReader passes them
                    original.getAccess(),
                    original.getClassName(),
                    null,
                    original.getSuperName(),
                    original.getInterfaces());
        }
        return scratch;
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
        if (scratch != null) {
            scratch.visitEnd();
            new ClassReader(scratch.toByteArray()).accept(new Replay(pending), 0);
            scratch = null;
        }
        return target.toByteArray();
    }

    /** Sends each method of the scratch class to its place in the woven class. */
    private static final class Replay extends ClassVisitor {
        private final Map<String, MethodVisitor> declarations;

        Replay(Map<String, MethodVisitor> declarations) {
            super(ClassInfoReader.API);
            this.declarations = declarations;
        }

        @Override
        public @Nullable MethodVisitor visitMethod(
                int access,
                String name,
                String descriptor,
                @Nullable String signature,
                String @Nullable [] exceptions) {
            return declarations.remove(name + descriptor);
        }
    }
}
