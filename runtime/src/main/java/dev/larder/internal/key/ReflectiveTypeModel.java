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
 */
public final class ReflectiveTypeModel implements TypeModel {
    private final Class<?> type;

    private ReflectiveTypeModel(Class<?> type) {
        this.type = type;
    }

    public static ReflectiveTypeModel of(Type type) {
        return new ReflectiveTypeModel(erasure(Objects.requireNonNull(type, "type")));
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
        try {
            Field field = type.getField(name);
            return Modifier.isStatic(field.getModifiers()) ? null : field;
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private @Nullable Method method(String name) {
        try {
            Method method = type.getMethod(name);
            return Modifier.isStatic(method.getModifiers()) ? null : method;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    @Override
    public List<String> propertyNames() {
        if (type.isPrimitive() || type.isArray()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (Method method : type.getMethods()) {
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
        for (Field field : type.getFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                names.add(field.getName());
            }
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
        return o instanceof ReflectiveTypeModel other && type == other.type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public String toString() {
        return displayName();
    }
}
