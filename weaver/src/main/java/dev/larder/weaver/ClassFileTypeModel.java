package dev.larder.weaver;

import dev.larder.model.PropertyNames;
import dev.larder.model.TypeModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * A {@link TypeModel} over class files, so the weaver validates templates with the runtime's rules without loading
 * the types, and knows which instruction reads each property. Properties follow {@link TypeModel}: public getters
 * (inherited too), record accessors and public fields; generic types are erased.
 */
final class ClassFileTypeModel implements TypeModel {
    /** How woven code reads one property of a value whose static type is the model's type. */
    record Accessor(int opcode, String owner, String name, String descriptor, Type type) {
        boolean isInterface() {
            return opcode == Opcodes.INVOKEINTERFACE;
        }
    }

    private final Type type;
    private final ClassFiles files;

    ClassFileTypeModel(Type type, ClassFiles files) {
        this.type = type;
        this.files = files;
    }

    Type type() {
        return type;
    }

    /** The model of another type, read from the same class files. */
    ClassFileTypeModel of(Type other) {
        return new ClassFileTypeModel(other, files);
    }

    @Override
    public String displayName() {
        // as javac shows it; not read from the class file, which for a JDK type would be a read from the runtime image
        return type.getClassName().replace('$', '.');
    }

    @Override
    public Optional<TypeModel> property(String name) {
        Optional<Accessor> accessor = accessor(name);
        return accessor.isPresent() ? Optional.of(of(accessor.get().type())) : Optional.empty();
    }

    /** How to read property {@code name}, in {@link TypeModel#property}'s order; empty when there is none. */
    Optional<Accessor> accessor(String name) {
        Optional<ClassInfo> info = info();
        if (info.isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        int invoke = info.get().isInterface() ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL;
        String owner = type.getInternalName();
        MethodInfo getter = publicMethod(PropertyNames.getter(name));
        if (getter != null && getter.returnType().getSort() != Type.VOID && !name.equals("class")) {
            return Optional.of(new Accessor(invoke, owner, getter.name(), getter.descriptor(), getter.returnType()));
        }
        MethodInfo is = publicMethod(PropertyNames.booleanGetter(name));
        if (is != null && is.returnType().getSort() == Type.BOOLEAN) {
            return Optional.of(new Accessor(invoke, owner, is.name(), is.descriptor(), is.returnType()));
        }
        if (info.get().isRecord()) {
            for (ClassInfo.FieldInfo component : info.get().recordComponents()) {
                if (component.name().equals(name)) {
                    Type componentType = Type.getType(component.descriptor());
                    return Optional.of(new Accessor(invoke, owner, name, "()" + component.descriptor(), componentType));
                }
            }
        }
        for (ClassInfo t = info.get(); t != null; t = superclass(t)) {
            for (ClassInfo.FieldInfo field : t.fields()) {
                if (field.isPublicInstance() && field.name().equals(name)) {
                    return Optional.of(new Accessor(
                            Opcodes.GETFIELD, owner, name, field.descriptor(), Type.getType(field.descriptor())));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public List<String> propertyNames() {
        Optional<ClassInfo> info = info();
        if (info.isEmpty()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (MethodInfo method : publicMethods()) {
            String n = method.name();
            if (Type.getArgumentCount(method.descriptor()) != 0) {
                continue;
            }
            int returns = method.returnType().getSort();
            String property = PropertyNames.ofGetter(n, returns == Type.VOID, returns == Type.BOOLEAN);
            if (property != null) {
                names.add(property);
            }
        }
        if (info.get().isRecord()) {
            for (ClassInfo.FieldInfo component : info.get().recordComponents()) {
                names.add(component.name());
            }
        }
        for (ClassInfo t = info.get(); t != null; t = superclass(t)) {
            for (ClassInfo.FieldInfo field : t.fields()) {
                if (field.isPublicInstance()) {
                    names.add(field.name());
                }
            }
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        return List.copyOf(sorted);
    }

    private Optional<ClassInfo> info() {
        return type.getSort() == Type.OBJECT ? files.find(type.getInternalName()) : Optional.empty();
    }

    private @Nullable ClassInfo superclass(ClassInfo info) {
        return info.superName() == null ? null : files.find(info.superName()).orElse(null);
    }

    private @Nullable MethodInfo publicMethod(String name) {
        for (MethodInfo method : publicMethods()) {
            if (method.name().equals(name) && Type.getArgumentCount(method.descriptor()) == 0) {
                return method;
            }
        }
        return null;
    }

    /** Public instance methods of the type, its superclasses and its interfaces, nearest first. */
    private List<MethodInfo> publicMethods() {
        List<MethodInfo> methods = new ArrayList<>();
        collect(type.getInternalName(), methods, new HashSet<>());
        return methods;
    }

    private void collect(@Nullable String internalName, List<MethodInfo> methods, Set<String> seen) {
        if (internalName == null || !seen.add(internalName)) {
            return;
        }
        Optional<ClassInfo> info = files.find(internalName);
        if (info.isEmpty()) {
            return;
        }
        for (MethodInfo method : info.get().methods()) {
            if (method.isPublic() && !method.isStatic() && method.isMethod()) {
                methods.add(method);
            }
        }
        collect(info.get().superName(), methods, seen);
        for (String implemented : info.get().interfaces()) {
            collect(implemented, methods, seen);
        }
    }
}
