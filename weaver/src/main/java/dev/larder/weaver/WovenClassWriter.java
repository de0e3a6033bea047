package dev.larder.weaver;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.commons.Method;

/**
 * How a woven class is written: to a writer that computes nothing and shares the original's constant pool, so a method
 * the weaver leaves alone is copied as bytes, and a body moved to {@code name$larder$body} is copied instruction by
 * instruction with its original frames and maxima (same descriptor, same class, so they still hold). The methods
 * the weaver generates get their frames as their code is written ({@link FrameComputer}) and their maxima from the
 * class writer, switched to computing them for those methods alone. Not thread-safe: one instance per woven class.
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
        target.setFlags(ClassWriter.COMPUTE_MAXS); // for this method only: the others keep theirs
        MethodVisitor declaration = target.visitMethod(access, name, descriptor, signature, exceptions);
        target.setFlags(0);
        declared.put(name + descriptor, declaration);
        return declaration;
    }

    /**
     * Where the code of a method {@link #declare declared} with the same access, name and descriptor goes, from
     * {@code visitCode} to {@code visitEnd}, once its declarations are written; its frames and maxima are computed.
     */
    FrameComputer code(int access, String name, String descriptor) {
        MethodVisitor declaration = declared.remove(name + descriptor);
        return new FrameComputer(original.getClassName(), access, descriptor, declaration, original.readShort(6));
    }

    /** Adds a generated method without declarations: {@link #declare} then {@link #code}. */
    FrameComputer add(int access, Method method) {
        declare(access, method.getName(), method.getDescriptor(), null, null);
        return code(access, method.getName(), method.getDescriptor());
    }

    /** Adds a generated method without declarations and returns the generator of its code. */
    GeneratedCode generate(int access, Method method) {
        return new GeneratedCode(add(access, method), access, method);
    }

    /** Where the woven class's supertypes and other types are read from. */
    ClassFiles files() {
        return files;
    }

    /** The woven class file, once the original class has been visited to its end. */
    byte[] toByteArray() {
        return target.toByteArray();
    }
}
