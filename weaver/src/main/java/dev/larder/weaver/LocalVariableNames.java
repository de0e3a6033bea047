package dev.larder.weaver;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * A method's parameter names from its LocalVariableTable ({@code javac -g}, the default of Maven and Gradle), for
 * class files compiled without {@code -parameters}: Spring's {@code #name} needs them. Read only for a method that
 * needs them, as it means reading code.
 */
final class LocalVariableNames extends ClassVisitor {
    private final String name;
    private final String descriptor;
    private final boolean isStatic;
    private final @Nullable String[] names;

    private LocalVariableNames(MethodInfo method) {
        super(ClassInfoReader.API);
        this.name = method.name();
        this.descriptor = method.descriptor();
        this.isStatic = method.isStatic();
        this.names = new String[method.parameterTypes().length];
    }

    /** The names of the method's parameters, or empty when the class file has no LocalVariableTable for them. */
    static Optional<List<String>> of(byte[] classFile, MethodInfo method) {
        LocalVariableNames reader = new LocalVariableNames(method);
        new ClassReader(classFile).accept(reader, ClassReader.SKIP_FRAMES);
        List<String> found = new ArrayList<>();
        for (String n : reader.names) {
            if (n == null) {
                return Optional.empty();
            }
            found.add(n);
        }
        return Optional.of(found);
    }

    @Override
    public @Nullable MethodVisitor visitMethod(
            int access, String name, String descriptor, @Nullable String signature, String @Nullable [] exceptions) {
        if (!name.equals(this.name) || !descriptor.equals(this.descriptor)) {
            return null;
        }
        Type[] types = Type.getArgumentTypes(descriptor);
        int[] slots = new int[types.length];
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < types.length; i++) {
            slots[i] = slot;
            slot += types[i].getSize();
        }
        return new MethodVisitor(ClassInfoReader.API) {
            @Override
            public void visitLocalVariable(
                    String local,
                    String localDescriptor,
                    @Nullable String signature,
                    Label start,
                    Label end,
                    int index) {
                for (int i = 0; i < slots.length; i++) {
                    if (slots[i] == index && names[i] == null) {
                        names[i] = local;
                    }
                }
            }
        };
    }
}
