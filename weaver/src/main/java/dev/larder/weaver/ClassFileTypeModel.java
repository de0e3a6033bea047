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
 *
 * <p>The model of the woven class itself, as {@code {this.path}} starts from it ({@link #ofWovenClass}), also finds
 * the getters and fields that only code inside the class can reach: its own of any access, and those it inherits as
 * protected, or package-private from its own package. The path helpers that read them are written into that class, so
 * the JVM allows the access; a property further down the path is public as usual.
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
    private final boolean inside;

    ClassFileTypeModel(Type type, ClassFiles files) {
        this(type, files, false);
    }

    private ClassFileTypeModel(Type type, ClassFiles files, boolean inside) {
        this.type = type;
        this.files = files;
        this.inside = inside;
    }

    /** The woven class as code inside it sees it: see the class comment. */
    static ClassFileTypeModel ofWovenClass(Type type, ClassFiles files) {
        return new ClassFileTypeModel(type, files, true);
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
        MethodInfo getter = getter(PropertyNames.getter(name));
        if (getter != null && getter.returnType().getSort() != Type.VOID && !name.equals("class")) {
            return Optional.of(new Accessor(
                    invoke(getter, invoke), owner, getter.name(), getter.descriptor(), getter.returnType()));
        }
        MethodInfo is = getter(PropertyNames.booleanGetter(name));
        if (is != null && is.returnType().getSort() == Type.BOOLEAN) {
            return Optional.of(new Accessor(invoke(is, invoke), owner, is.name(), is.descriptor(), is.returnType()));
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
                if (readable(field, t) && field.name().equals(name)) {
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
        for (MethodInfo method : getters()) {
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
                if (readable(field, t)) {
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

    private @Nullable MethodInfo getter(String name) {
        for (MethodInfo method : getters()) {
            if (method.name().equals(name) && Type.getArgumentCount(method.descriptor()) == 0) {
                return method;
            }
        }
        return null;
    }

    /** A private method is called as the class's own ({@code invokespecial}), whatever the class file's version. */
    private static int invoke(MethodInfo method, int otherwise) {
        return method.isPrivate() ? Opcodes.INVOKESPECIAL : otherwise;
    }

    /**
     * The instance methods a getter may be: public ones of the type, its superclasses and its interfaces, nearest
     * first; from inside the woven class, also those only it can call, before the public ones.
     */
    private List<MethodInfo> getters() {
        List<MethodInfo> methods = new ArrayList<>();
        Optional<ClassInfo> info = info();
        if (inside && info.isPresent() && !info.get().isInterface()) {
            for (ClassInfo t = info.get(); t != null; t = superclass(t)) {
                for (MethodInfo method : t.methods()) {
                    if (!method.isPublic()
                            && !method.isStatic()
                            && method.isMethod()
                            && !method.isGenerated()
                            && reachable(method.access(), t)) {
                        methods.add(method);
                    }
                }
            }
        }
        collect(type.getInternalName(), methods, new HashSet<>());
        return methods;
    }

    private boolean readable(ClassInfo.FieldInfo field, ClassInfo declaring) {
        if ((field.access() & Opcodes.ACC_STATIC) != 0) {
            return false;
        }
        return (field.access() & Opcodes.ACC_PUBLIC) != 0 || (inside && reachable(field.access(), declaring));
    }

    /** Whether code in the woven class may use a non-public member with this access, declared in {@code declaring}. */
    private boolean reachable(int access, ClassInfo declaring) {
        if (declaring.internalName().equals(type.getInternalName())) {
            return true;
        }
        if ((access & Opcodes.ACC_PRIVATE) != 0) {
            return false;
        }
        return (access & Opcodes.ACC_PROTECTED) != 0 || samePackage(declaring.internalName(), type.getInternalName());
    }

    private static boolean samePackage(String a, String b) {
        return a.substring(0, Math.max(0, a.lastIndexOf('/'))).equals(b.substring(0, Math.max(0, b.lastIndexOf('/'))));
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
