package dev.larder.internal.key;

import dev.larder.model.Placeholder;
import dev.larder.model.Target;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads one placeholder path ({@code {user}}, {@code {user.address.city}}, {@code {result.id}}, {@code
 * {this.name}}) from a call's target, arguments and result. Every property is resolved once, at {@link #compile},
 * into a {@link MethodHandle} on the member of the declared type; {@link #read} does no reflective lookup. A {@code
 * null} anywhere along the path reads as {@code null}. Immutable and safe to share between threads.
 */
public final class PathReader {
    private static final int RESULT = -1;
    private static final int TARGET = -2;
    private static final MethodType READER = MethodType.methodType(Object.class, Object.class);
    private static final MethodHandle CLASS_NAME = className();

    private final List<String> path;
    private final int root;
    private final MethodHandle[] steps;
    private final Class<?> type;

    private PathReader(List<String> path, int root, MethodHandle[] steps, Class<?> type) {
        this.path = path;
        this.root = root;
        this.steps = steps;
        this.type = type;
    }

    /**
     * Resolves {@code path} against the declared types.
     *
     * @param resultType the declared return type, {@code null} (or {@code void}) where the path may not use {@code
     *     result}
     * @throws IllegalArgumentException when the root is not a parameter (or {@code result} where allowed), or a
     *     property does not exist on the declared type, or is not accessible
     */
    public static PathReader compile(
            List<String> path,
            List<String> parameterNames,
            List<Class<?>> parameterTypes,
            @Nullable Class<?> resultType) {
        return compile(path, parameterNames, parameterTypes, resultType, null);
    }

    /**
     * As {@link #compile(List, List, List, Class)}, where a path may also start at {@code this}, the object the
     * method is called on, of declared type {@code targetType} ({@code null} where there is none): {@code
     * {this.a.b}} follows its properties and {@code {this.class}} is its runtime class name.
     */
    public static PathReader compile(
            List<String> path,
            List<String> parameterNames,
            List<Class<?>> parameterTypes,
            @Nullable Class<?> resultType,
            @Nullable Class<?> targetType) {
        List<String> copy = List.copyOf(path);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("A value path is never empty");
        }
        if (parameterNames.size() != parameterTypes.size()) {
            throw new IllegalArgumentException(
                    "parameter names " + parameterNames + " and types " + parameterTypes + " differ in number");
        }
        String rootName = copy.get(0);
        int root;
        Class<?> type;
        if (Target.THIS.equals(rootName) && targetType != null) {
            if (copy.size() == 2 && copy.get(1).equals(Target.CLASS)) {
                return new PathReader(copy, TARGET, new MethodHandle[] {CLASS_NAME}, String.class);
            }
            root = TARGET;
            type = targetType;
        } else if (Placeholder.RESULT.equals(rootName) && resultType != null && resultType != void.class) {
            root = RESULT;
            type = resultType;
        } else {
            root = parameterNames.indexOf(rootName);
            if (root < 0) {
                throw new IllegalArgumentException("{" + String.join(".", copy) + "} names '" + rootName
                        + "', which is not a parameter" + (resultType == null ? "" : " or the result")
                        + "; the parameters are " + parameterNames);
            }
            type = parameterTypes.get(root);
        }
        List<MethodHandle> steps = new ArrayList<>();
        for (String property : copy.subList(1, copy.size())) {
            ReflectiveTypeModel model = root == TARGET && steps.isEmpty()
                    ? ReflectiveTypeModel.ofWovenClass(type)
                    : ReflectiveTypeModel.of(type);
            Member member = model.reader(property);
            if (member == null) {
                throw new IllegalArgumentException("{" + String.join(".", copy) + "}: type " + type.getName()
                        + " has no property '" + property + "'; its properties are "
                        + model.propertyNames());
            }
            steps.add(handle(member).asType(READER));
            type = member instanceof Method m ? m.getReturnType() : ((Field) member).getType();
        }
        return new PathReader(copy, root, steps.toArray(new MethodHandle[0]), type);
    }

    private static MethodHandle className() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle getClass = lookup.findVirtual(Object.class, "getClass", MethodType.methodType(Class.class));
            MethodHandle getName = lookup.findVirtual(Class.class, "getName", MethodType.methodType(String.class));
            return MethodHandles.filterReturnValue(getClass, getName).asType(READER);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static MethodHandle handle(Member member) {
        try {
            if (member instanceof Method method) {
                Method visible = publicDeclaration(method);
                if (visible != null) {
                    return MethodHandles.publicLookup().unreflect(visible);
                }
                method.setAccessible(true);
                return MethodHandles.lookup().unreflect(method);
            }
            Field field = (Field) member;
            if (!Modifier.isPublic(field.getDeclaringClass().getModifiers())
                    || !Modifier.isPublic(field.getModifiers())) {
                field.setAccessible(true);
                return MethodHandles.lookup().unreflectGetter(field);
            }
            return MethodHandles.publicLookup().unreflectGetter(field);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "Cannot read " + member + " from a key template: it is not accessible" + " to Larder ("
                            + e.getMessage() + "); make the type public or open its package",
                    e);
        }
    }

    // a public method of a non-public class (a package-private record, a JDK implementation class) is read through
    // the public class or interface that declares it, which needs no setAccessible
    private static @Nullable Method publicDeclaration(Method method) {
        for (Class<?> c = method.getDeclaringClass(); c != null; c = c.getSuperclass()) {
            Method found = publicDeclaration(c, method);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static @Nullable Method publicDeclaration(Class<?> type, Method method) {
        if (Modifier.isPublic(type.getModifiers()) && type.getModule().isExported(type.getPackageName())) {
            try {
                Method declared = type.getMethod(method.getName(), method.getParameterTypes());
                if (Modifier.isPublic(declared.getDeclaringClass().getModifiers())) {
                    return declared;
                }
            } catch (NoSuchMethodException e) {
                // not declared here; keep looking
            }
        }
        for (Class<?> implemented : type.getInterfaces()) {
            Method found = publicDeclaration(implemented, method);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The declared (erased) type of the value at the end of the path. */
    public Class<?> type() {
        return type;
    }

    /** The path as compiled, first element the root. */
    public List<String> path() {
        return path;
    }

    /** The value at the path for one call; {@code null} when anything along it is {@code null}. */
    public @Nullable Object read(@Nullable Object[] args, @Nullable Object result) {
        return read(null, args, result);
    }

    /** As {@link #read(Object[], Object)}, for a path that may start at the call's {@code target}. */
    public @Nullable Object read(@Nullable Object target, @Nullable Object[] args, @Nullable Object result) {
        Object value = switch (root) {
            case RESULT -> result;
            case TARGET -> target;
            default -> Objects.requireNonNull(args, "args")[root];
        };
        for (MethodHandle step : steps) {
            if (value == null) {
                return null;
            }
            value = invoke(step, value);
        }
        return value;
    }

    private @Nullable Object invoke(MethodHandle step, Object target) {
        try {
            return (Object) step.invokeExact(target);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("Reading {" + String.join(".", path) + "} for a cache key failed", t);
        }
    }

    @Override
    public String toString() {
        return "{" + String.join(".", path) + "}";
    }
}
