package dev.larder.weaver;

import dev.larder.model.Declaration;
import dev.larder.model.MethodModel;
import dev.larder.model.MethodShape;
import dev.larder.model.MethodSource;
import dev.larder.model.Placeholder;
import dev.larder.model.Problem;
import dev.larder.model.ResultKind;
import dev.larder.model.Target;
import dev.larder.model.TypeModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The weaver's front end to {@link MethodModel}: presents one method of a class file, with the declarations found for
 * it (annotations or a rules line), as a {@link MethodSource}, and turns the model into a {@link MethodPlan} or
 * errors naming the site. Only what is the weaver's own is checked here: a method without a body cannot be woven.
 */
final class Planner implements MethodSource {
    /** Parameter types a {@code List} can be passed to. */
    private static final Set<String> LIST_SUPERTYPES = Set.of(
            "java.util.List",
            "java.util.SequencedCollection",
            "java.util.Collection",
            "java.lang.Iterable",
            "java.lang.Object");

    /** The parameter types a {@code @CachedAll} method takes its keys in. */
    private static final Set<String> COLLECTIONS = Set.of("java.util.Collection", "java.util.Set", "java.util.List");

    private static final Type OBJECT = Type.getObjectType("java/lang/Object");

    private final ClassInfo wovenType;
    private final MethodInfo method;
    private final Found found;
    private final ClassFiles files;
    private final Map<String, ClassFileTypeModel> parameterModels = new LinkedHashMap<>();
    private final Map<String, TypeModel> parameters = new LinkedHashMap<>();
    private final Optional<TypeModel> result;

    private Planner(ClassInfo wovenType, MethodInfo method, Found found, ClassFiles files) {
        this.wovenType = wovenType;
        this.method = method;
        this.found = found;
        this.files = files;
        Type[] types = method.parameterTypes();
        for (int i = 0; i < types.length; i++) {
            ClassFileTypeModel model = new ClassFileTypeModel(types[i], files);
            parameterModels.put(method.parameterNames().get(i), model);
            parameters.put(method.parameterNames().get(i), model);
        }
        this.result = method.returnType().getSort() == Type.VOID
                ? Optional.empty()
                : Optional.of(new ClassFileTypeModel(method.returnType(), files));
    }

    /** The plan, or the errors, each naming the site. */
    static Result plan(ClassInfo wovenType, MethodInfo method, Found found, ClassFiles files) {
        Planner planner = new Planner(wovenType, method, found, files);
        MethodModel model = MethodModel.of(planner);
        List<String> errors = new ArrayList<>();
        for (Problem problem : found.problems()) {
            errors.add(problem.message());
        }
        for (Problem problem : model.problems()) {
            errors.add(problem.message());
        }
        if (method.isAbstract()) {
            errors.add(model.site() + ": " + AbstractMethods.why(wovenType));
        } else if (method.is(Opcodes.ACC_NATIVE)) {
            errors.add(model.site() + ": a native method has no body to cache; cache the Java method that calls it");
        }
        MethodPlan plan = errors.isEmpty()
                ? new MethodPlan(
                        method,
                        model.site(),
                        List.copyOf(planner.parameters.keySet()),
                        planner.parameterModels,
                        model.operations(),
                        model.guards())
                : null;
        return new Result(plan, List.copyOf(errors), model.site());
    }

    record Result(MethodPlan plan, List<String> errors, String site) {}

    @Override
    public String typeName() {
        return wovenType.displayName();
    }

    @Override
    public String declaringTypeSimpleName() {
        return found.declaringType().simpleName();
    }

    @Override
    public boolean overloaded() {
        int sameName = 0;
        for (MethodInfo m : found.declaringType().methods()) {
            if (m.name().equals(method.name()) && !m.isGenerated()) {
                sameName++;
            }
        }
        return sameName > 1;
    }

    @Override
    public String methodName() {
        return method.name();
    }

    @Override
    public List<String> parameterTypeNames() {
        return parameterTypeNames(method);
    }

    @Override
    public Map<String, TypeModel> parameters() {
        return parameters;
    }

    @Override
    public Target target() {
        return method.isStatic()
                ? Target.STATIC
                : Target.of(ClassFileTypeModel.ofWovenClass(Type.getObjectType(wovenType.internalName()), files));
    }

    @Override
    public Optional<TypeModel> result() {
        return result;
    }

    @Override
    public String returnTypeName() {
        return method.returnType().getClassName();
    }

    @Override
    public List<Declaration> declarations() {
        return found.declarations();
    }

    @Override
    public String typeDefault(String attribute) {
        return switch (attribute) {
            case "cache" -> found.defaultCache();
            case "ttl" -> found.defaultTtl();
            case "ttlJitter" -> Annotations.typeDefault(found.declaringType().annotations(), attribute);
            default -> "";
        };
    }

    @Override
    public ResultKind resultKind() {
        String type = method.returnType().getClassName();
        if (type.equals("java.util.Optional")) {
            return ResultKind.OPTIONAL;
        }
        if (type.equals("java.util.concurrent.CompletableFuture")
                || type.equals("java.util.concurrent.CompletionStage")
                || implementsCompletionStage(method.returnType())) {
            return ResultKind.FUTURE;
        }
        return ResultKind.VALUE;
    }

    @Override
    public MethodShape shape() {
        return shape(method);
    }

    /**
     * The methods of the woven type, its superclasses' and the instance methods of the interfaces it implements: those
     * woven code can call on it. Checked exceptions are not known from class files (and the JVM does not check them).
     */
    @Override
    public List<MethodShape> methods() {
        List<MethodShape> methods = new ArrayList<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(wovenType.internalName());
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            String name = queue.poll();
            boolean own = name.equals(wovenType.internalName());
            Optional<ClassInfo> info =
                    !seen.add(name) ? Optional.empty() : own ? Optional.of(wovenType) : files.find(name);
            if (info.isEmpty()) {
                continue;
            }
            for (MethodInfo m : info.get().methods()) {
                if (m.isMethod() && !m.isGenerated() && (own || !info.get().isInterface() || !m.isStatic())) {
                    methods.add(shape(m));
                }
            }
            if (info.get().superName() != null) {
                queue.add(info.get().superName());
            }
            queue.addAll(info.get().interfaces());
        }
        return methods;
    }

    private static MethodShape shape(MethodInfo m) {
        List<String> types = new ArrayList<>();
        for (Type type : m.parameterTypes()) {
            types.add(type.getClassName());
        }
        return new MethodShape(m.name(), types, m.returnType().getClassName(), m.isStatic(), m.isPrivate(), false);
    }

    /** Class files carry erased types, so any parameter a {@code List} can be passed to fits. */
    @Override
    public Optional<String> batchMethodMismatch(String name, Placeholder value) {
        for (ClassInfo t = wovenType;
                t != null;
                t = t.superName() == null ? null : files.find(t.superName()).orElse(null)) {
            for (MethodInfo m : t.methods()) {
                Type[] types = m.parameterTypes();
                if (m.name().equals(name)
                        && types.length == 1
                        && !m.isPrivate()
                        && !m.isStatic()
                        && LIST_SUPERTYPES.contains(types[0].getClassName())) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of("there is no non-private, non-static method " + name + " taking one parameter on "
                + wovenType.simpleName());
    }

    /** The collection parameter's element type, from the method's generic signature ({@code Object} when raw). */
    @Override
    public Optional<TypeModel> elementType(String parameter) {
        int index = method.parameterNames().indexOf(parameter);
        if (index < 0 || !COLLECTIONS.contains(method.parameterTypes()[index].getClassName())) {
            return Optional.empty();
        }
        List<Type> arguments = TypeArguments.ofParameter(method.signature(), index);
        return Optional.of(new ClassFileTypeModel(arguments.size() == 1 ? arguments.get(0) : OBJECT, files));
    }

    /** The map's key and value types, from the method's generic signature ({@code Object} when raw). */
    @Override
    public List<TypeModel> mapTypes() {
        if (!method.returnType().getClassName().equals("java.util.Map")) {
            return List.of();
        }
        List<Type> arguments = TypeArguments.ofReturn(method.signature());
        Type key = arguments.size() == 2 ? arguments.get(0) : OBJECT;
        Type value = arguments.size() == 2 ? arguments.get(1) : OBJECT;
        return List.of(new ClassFileTypeModel(key, files), new ClassFileTypeModel(value, files));
    }

    /** Whether an application type implements {@code CompletionStage}; JDK types are known by name only. */
    private boolean implementsCompletionStage(Type type) {
        if (type.getSort() != Type.OBJECT) {
            return false;
        }
        Deque<String> queue = new ArrayDeque<>();
        queue.add(type.getInternalName());
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            String name = queue.poll();
            if (name.equals("java/util/concurrent/CompletionStage")
                    || name.equals("java/util/concurrent/CompletableFuture")) {
                return true;
            }
            if (JdkPackages.contain(name) || !seen.add(name)) {
                continue;
            }
            Optional<ClassInfo> info = files.find(name);
            if (info.isPresent()) {
                if (info.get().superName() != null) {
                    queue.add(info.get().superName());
                }
                for (String implemented : info.get().interfaces()) {
                    queue.add(implemented);
                }
            }
        }
        return false;
    }

    /** Parameter types as sites and default cache names show them: simple names, {@code int[]}. */
    static List<String> parameterTypeNames(MethodInfo method) {
        List<String> names = new ArrayList<>();
        for (Type type : method.parameterTypes()) {
            names.add(simpleName(type));
        }
        return names;
    }

    private static String simpleName(Type type) {
        if (type.getSort() == Type.ARRAY) {
            StringBuilder name = new StringBuilder(simpleName(type.getElementType()));
            name.append("[]".repeat(type.getDimensions()));
            return name.toString();
        }
        String name = type.getClassName();
        return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
    }
}
