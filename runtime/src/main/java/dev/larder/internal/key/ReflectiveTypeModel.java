package dev.larder.internal.key;

import dev.larder.model.PropertyNames;
import dev.larder.model.TypeModel;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TypeModel} over {@code java.lang.reflect}: generic types are erased (a {@code List<User>} is a {@code
 * List}, a type variable its first bound). Also finds the member that reads a property, for {@link PathReader}.
 *
 * <p>The model of a woven class as {@code {this.path}} starts from it ({@link #ofWovenClass}) also finds what code
 * inside that class can reach: its own getters and fields of any access, and those it inherits as protected, or
 * package-private from its own package. The weaver's model of class files follows the same rule.
 */
public final class ReflectiveTypeModel implements TypeModel {
    private final Class<?> type;
    private final boolean inside;

    private ReflectiveTypeModel(Class<?> type, boolean inside) {
        this.type = type;
        this.inside = inside;
    }

    public static ReflectiveTypeModel of(Type type) {
        return new ReflectiveTypeModel(erasure(Objects.requireNonNull(type, "type")), false);
    }

    /** The woven class as code inside it sees it: see the class comment. */
    public static ReflectiveTypeModel ofWovenClass(Class<?> type) {
        return new ReflectiveTypeModel(Objects.requireNonNull(type, "type"), !type.isInterface());
    }

    public Class<?> type() {
        return type;
    }

    static Class<?> erasure(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        } else if (type instanceof ParameterizedType p) {
            return erasure(p.getRawType());
        } else if (type instanceof TypeVariable<?> v) {
            return erasure(v.getBounds()[0]);
        } else if (type instanceof WildcardType w) {
            return erasure(w.getUpperBounds()[0]);
        } else if (type instanceof GenericArrayType a) {
            return erasure(a.getGenericComponentType()).arrayType();
        }
        return Object.class;
    }

    @Override
    public String displayName() {
        String canonical = type.getCanonicalName();
        return canonical != null ? canonical : type.getName();
    }

    @Override
    public Optional<TypeModel> property(String name) {
        Member member = reader(name);
        if (member == null) {
            return Optional.empty();
        }
        Type propertyType = member instanceof Method m ? m.getGenericReturnType() : ((Field) member).getGenericType();
        return Optional.of(of(propertyType));
    }

    /** The public method or field that reads property {@code name}, in the lookup order of {@link TypeModel}. */
    @Nullable
    Member reader(String name) {
        if (type.isPrimitive() || type.isArray() || name.isEmpty()) {
            return null;
        }
        Method getter = method(PropertyNames.getter(name));
        if (getter != null && getter.getReturnType() != void.class && !name.equals("class")) {
            return getter;
        }
        Method is = method(PropertyNames.booleanGetter(name));
        if (is != null && is.getReturnType() == boolean.class) {
            return is;
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals(name)) {
                    return component.getAccessor();
                }
            }
        }
        for (Field field : fields()) {
            if (field.getName().equals(name)) {
                return field;
            }
        }
        return null;
    }

    private @Nullable Method method(String name) {
        for (Method method : insideMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == 0) {
                return method;
            }
        }
        try {
            Method method = type.getMethod(name);
            return Modifier.isStatic(method.getModifiers()) ? null : method;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** The non-public instance methods code inside the woven class can call, nearest first; none outside it. */
    private List<Method> insideMethods() {
        List<Method> methods = new ArrayList<>();
        if (inside) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Method method : c.getDeclaredMethods()) {
                    int modifiers = method.getModifiers();
                    if (!Modifier.isPublic(modifiers)
                            && !Modifier.isStatic(modifiers)
                            && !method.isSynthetic()
                            && reachable(modifiers, c)) {
                        methods.add(method);
                    }
                }
            }
        }
        return methods;
    }

    /** The instance fields that can be read: public ones, and from inside the woven class also those it reaches. */
    private List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field field : inside ? c.getDeclaredFields() : c.getFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers)
                        && (Modifier.isPublic(modifiers) || (inside && reachable(modifiers, c)))) {
                    fields.add(field);
                }
            }
            if (!inside) {
                break; // getFields() already holds the inherited public fields
            }
        }
        return fields;
    }

    private boolean reachable(int modifiers, Class<?> declaring) {
        if (declaring == type) {
            return true;
        }
        if (Modifier.isPrivate(modifiers)) {
            return false;
        }
        return Modifier.isProtected(modifiers)
                || (declaring.getPackageName().equals(type.getPackageName())
                        && declaring.getClassLoader() == type.getClassLoader());
    }

    @Override
    public List<String> propertyNames() {
        if (type.isPrimitive() || type.isArray()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        List<Method> methods = insideMethods();
        methods.addAll(List.of(type.getMethods()));
        for (Method method : methods) {
            String property = getterProperty(method);
            if (property != null && !property.equals("class")) {
                names.add(property);
            }
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                names.add(component.getName());
            }
        }
        for (Field field : fields()) {
            names.add(field.getName());
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        return List.copyOf(sorted);
    }

    private static @Nullable String getterProperty(Method method) {
        if (Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 0) {
            return null;
        }
        Class<?> returns = method.getReturnType();
        return PropertyNames.ofGetter(method.getName(), returns == void.class, returns == boolean.class);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReflectiveTypeModel other && type == other.type && inside == other.inside;
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 2 + (inside ? 1 : 0);
    }

    @Override
    public String toString() {
        return displayName();
    }
}
