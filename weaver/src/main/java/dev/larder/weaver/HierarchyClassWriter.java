package dev.larder.weaver;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.ClassWriter;

/**
 * A class writer that computes every frame of the methods it writes, merging two types through their class files as
 * {@link ClassFiles} reads them, never through {@code Class.forName} as ASM does by default: a class-file transformer
 * must not load the application's classes (it may fail, load them in the wrong loader, or recurse into itself).
 *
 * <p>It writes only the methods the weaver generates ({@link WovenClassWriter}); every other method keeps its own
 * frames. A type whose class file cannot be read fails the weaving of the class (which then loads unwoven), rather
 * than guessing a frame the verifier could reject.
 */
final class HierarchyClassWriter extends ClassWriter {
    private static final String OBJECT = "java/lang/Object";

    private final ClassFiles files;

    HierarchyClassWriter(ClassFiles files) {
        super(ClassWriter.COMPUTE_FRAMES);
        this.files = files;
    }

    /** The nearest superclass of both, as {@link ClassWriter#getCommonSuperClass} defines it, from class files. */
    @Override
    protected String getCommonSuperClass(String first, String second) {
        if (isAssignableFrom(first, second)) {
            return first;
        }
        if (isAssignableFrom(second, first)) {
            return second;
        }
        if (info(first).isInterface() || info(second).isInterface()) {
            return OBJECT;
        }
        for (String type = info(first).superName();
                type != null;
                type = info(type).superName()) {
            if (isAssignableFrom(type, second)) {
                return type;
            }
        }
        return OBJECT;
    }

    /** Whether {@code type} is {@code target} or one of its supertypes is. */
    private boolean isAssignableFrom(String target, String type) {
        if (target.equals(OBJECT)) {
            return true;
        }
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(type);
        while (!queue.isEmpty()) {
            String current = queue.poll();
            if (current.equals(target)) {
                return true;
            }
            if (seen.add(current)) {
                ClassInfo info = info(current);
                if (info.superName() != null) {
                    queue.add(info.superName());
                }
                queue.addAll(info.interfaces());
            }
        }
        return false;
    }

    private ClassInfo info(String internalName) {
        Optional<ClassInfo> info = files.find(internalName);
        if (info.isEmpty()) {
            throw new TypeNotPresentException(
                    internalName.replace('/', '.'),
                    new IllegalStateException("its class file is needed to compute a stack map frame"));
        }
        return info.get();
    }
}
