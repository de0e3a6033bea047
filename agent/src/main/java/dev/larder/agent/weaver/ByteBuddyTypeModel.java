package dev.larder.agent.weaver;

import dev.larder.internal.key.TypeModel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.RecordComponentDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/**
 * A {@link TypeModel} over Byte Buddy type descriptions read from class files, so the weaver validates templates with
 * the runtime's rules without loading the types. Properties follow {@link TypeModel}: public getters (inherited too),
 * record accessors and public fields; generic types are erased.
 */
final class ByteBuddyTypeModel implements TypeModel {
    private final TypeDescription type;

    ByteBuddyTypeModel(TypeDescription type) {
        this.type = type;
    }

    @Override
    public String displayName() {
        String canonical = type.getCanonicalName();
        return canonical != null ? canonical : type.getName();
    }

    @Override
    public Optional<TypeModel> property(String name) {
        if (type.isPrimitive() || type.isArray() || name.isEmpty()) {
            return Optional.empty();
        }
        String capitalised = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        MethodDescription getter = method("get" + capitalised);
        if (getter != null && !getter.getReturnType().represents(void.class) && !name.equals("class")) {
            return Optional.of(of(getter.getReturnType().asErasure()));
        }
        MethodDescription is = method("is" + capitalised);
        if (is != null && is.getReturnType().represents(boolean.class)) {
            return Optional.of(of(is.getReturnType().asErasure()));
        }
        if (type.isRecord()) {
            for (RecordComponentDescription component : type.getRecordComponents()) {
                if (component.getActualName().equals(name)) {
                    return Optional.of(of(component.getType().asErasure()));
                }
            }
        }
        for (TypeDefinition t = type; t != null; t = t.getSuperClass()) {
            for (FieldDescription field : t.getDeclaredFields()) {
                if (field.isPublic() && !field.isStatic() && field.getName().equals(name)) {
                    return Optional.of(of(field.getType().asErasure()));
                }
            }
        }
        return Optional.empty();
    }

    private MethodDescription method(String name) {
        for (MethodDescription method : publicMethods()) {
            if (method.getName().equals(name) && method.getParameters().isEmpty()) {
                return method;
            }
        }
        return null;
    }

    private List<MethodDescription> publicMethods() {
        List<MethodDescription> methods = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        collect(type, methods, seen);
        return methods;
    }

    private static void collect(TypeDefinition t, List<MethodDescription> methods, Set<String> seen) {
        if (t == null || !seen.add(t.asErasure().getName())) {
            return;
        }
        for (MethodDescription method : t.getDeclaredMethods()) {
            if (method.isPublic() && !method.isStatic() && method.isMethod()) {
                methods.add(method);
            }
        }
        collect(t.getSuperClass(), methods, seen);
        for (TypeDefinition implemented : t.getInterfaces()) {
            collect(implemented, methods, seen);
        }
    }

    @Override
    public List<String> propertyNames() {
        if (type.isPrimitive() || type.isArray()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (MethodDescription method : publicMethods()) {
            String n = method.getName();
            if (!method.getParameters().isEmpty()) {
                continue;
            }
            if (n.startsWith("get") && n.length() > 3 && !method.getReturnType().represents(void.class)) {
                names.add(decapitalise(n.substring(3)));
            } else if (n.startsWith("is")
                    && n.length() > 2
                    && method.getReturnType().represents(boolean.class)) {
                names.add(decapitalise(n.substring(2)));
            }
        }
        names.remove("class");
        if (type.isRecord()) {
            for (RecordComponentDescription component : type.getRecordComponents()) {
                names.add(component.getActualName());
            }
        }
        for (TypeDefinition t = type; t != null; t = t.getSuperClass()) {
            for (FieldDescription field : t.getDeclaredFields()) {
                if (field.isPublic() && !field.isStatic()) {
                    names.add(field.getName());
                }
            }
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        return List.copyOf(sorted);
    }

    private static String decapitalise(String name) {
        if (name.length() > 1 && Character.isUpperCase(name.charAt(0)) && Character.isUpperCase(name.charAt(1))) {
            return name;
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    static ByteBuddyTypeModel of(TypeDescription type) {
        return new ByteBuddyTypeModel(type);
    }
}
