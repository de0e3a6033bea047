package dev.larder.weaver;

import dev.larder.model.CacheNames;
import dev.larder.model.Durations;
import dev.larder.model.KeyTemplate;
import dev.larder.model.ModelRules;
import dev.larder.model.Placeholder;
import dev.larder.model.ResultKind;
import dev.larder.model.Sites;
import dev.larder.model.TemplateValidator;
import dev.larder.model.TemplateValidator.NoResult;
import dev.larder.model.TypeModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Validates the declarations of one method and builds its {@link MethodPlan}, with the rules and messages of the
 * annotation processor (shared through {@link ModelRules}, {@link TemplateValidator}, {@link CacheNames} and {@link
 * Sites}). Every problem is collected, not only the first; a method with any problem is not woven.
 */
final class Planner {
    /** Parameter types a {@code List} can be passed to. */
    private static final Set<String> LIST_SUPERTYPES = Set.of(
            "java.util.List",
            "java.util.SequencedCollection",
            "java.util.Collection",
            "java.lang.Iterable",
            "java.lang.Object");

    private final ClassInfo wovenType;
    private final MethodInfo method;
    private final Found found;
    private final ClassFiles files;
    private final String site;
    private final Map<String, ClassFileTypeModel> parameterModels = new LinkedHashMap<>();
    private final Map<String, TypeModel> parameters = new LinkedHashMap<>();
    private final Optional<TypeModel> result;
    private final List<String> errors = new ArrayList<>();

    private Planner(ClassInfo wovenType, MethodInfo method, Found found, ClassFiles files) {
        this.wovenType = wovenType;
        this.method = method;
        this.found = found;
        this.files = files;
        this.site = Sites.of(wovenType.displayName(), method.name(), parameterTypeNames(method));
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
        MethodPlan plan = planner.build();
        return new Result(planner.errors.isEmpty() ? plan : null, List.copyOf(planner.errors), planner.site);
    }

    record Result(MethodPlan plan, List<String> errors, String site) {}

    private MethodPlan build() {
        Set<String> present = new LinkedHashSet<>();
        for (Declaration d : found.declarations()) {
            present.add(d.kind());
        }
        report(ModelRules.combination(present));
        if (method.isAbstract() || method.is(Opcodes.ACC_NATIVE)) {
            error("a " + (method.isAbstract() ? "abstract" : "native") + " method has no body to cache");
        }
        List<Operation> before = new ArrayList<>();
        List<Operation> main = new ArrayList<>();
        List<Operation> after = new ArrayList<>();
        Declaration refresh = find("RefreshAhead");
        for (Declaration d : found.declarations()) {
            switch (d.kind()) {
                case "Cached" -> addIfPresent(main, cached(d, refresh));
                case "WriteThrough" -> addIfPresent(main, writeThrough(d));
                case "WriteBehind" -> addIfPresent(main, writeBehind(d));
                case "Invalidate" -> {
                    Optional<Operation.Invalidate> op = invalidate(d);
                    if (op.isPresent()) {
                        (op.get().before() ? before : after).add(op.get());
                    }
                }
                default -> {}
            }
        }
        List<Operation> operations = new ArrayList<>(before);
        operations.addAll(main);
        operations.addAll(after);
        List<String> names = List.copyOf(parameters.keySet());
        return new MethodPlan(method, site, names, Map.copyOf(parameterModels), operations);
    }

    private Declaration find(String kind) {
        for (Declaration d : found.declarations()) {
            if (d.kind().equals(kind)) {
                return d;
            }
        }
        return null;
    }

    private Optional<Operation> cached(Declaration d, Declaration refresh) {
        if (result.isEmpty()) {
            error("@Cached needs a method that returns a value, but " + method.name()
                    + " returns void; use @WriteThrough, @WriteBehind or @Invalidate for methods that write");
            return Optional.empty();
        }
        String ttl = ttl(d);
        Optional<String> key = key(d, Optional.empty(), NoResult.BEFORE_CALL);
        double at = 0;
        double beta = 0;
        if (refresh != null) {
            at = decimal(refresh, "at");
            beta = decimal(refresh, "beta");
            report(ModelRules.refreshAt(at));
            report(ModelRules.refreshBeta(beta));
        }
        boolean cacheNull = bool(d, "cacheNull");
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Operation.Cached(cacheName(d), key.get(), ttl, cacheNull, resultKind(), at, beta));
    }

    private Optional<Operation> writeThrough(Declaration d) {
        String ttl = ttl(d);
        Optional<String> key = requiredKey(d) ? key(d, result, NoResult.VOID_METHOD) : Optional.empty();
        Optional<String> value = key.isPresent() ? value(d, key.get(), result, NoResult.VOID_METHOD) : Optional.empty();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Operation.WriteThrough(cacheName(d), key.get(), value.get(), ttl));
    }

    private Optional<Operation> writeBehind(Declaration d) {
        if (result.isPresent()) {
            error("@WriteBehind needs a void method, because the caller returns before the body runs, but "
                    + method.name() + " returns "
                    + method.returnType().getClassName()
                    + "; return void or use @WriteThrough");
        }
        String ttl = ttl(d);
        String delay = d.string("delay");
        duration(d, "delay", delay);
        int batchSize = integer(d, "batchSize");
        report(ModelRules.batchSize(batchSize));
        int maxRetries = integer(d, "maxRetries");
        report(ModelRules.maxRetries(maxRetries));
        Optional<String> key = requiredKey(d) ? key(d, Optional.empty(), NoResult.WRITE_BEHIND) : Optional.empty();
        Optional<String> value =
                key.isPresent() ? value(d, key.get(), Optional.empty(), NoResult.WRITE_BEHIND) : Optional.empty();
        String batchMethod = d.string("batchMethod");
        if (value.isPresent() && !batchMethod.isEmpty() && !hasBatchMethod(batchMethod)) {
            error("@WriteBehind(batchMethod = \"" + batchMethod + "\") must name a method of "
                    + found.declaringType().simpleName()
                    + " taking one Collection or List of the value type, but there is no non-private, non-static"
                    + " method " + batchMethod + " taking one parameter on " + wovenType.simpleName());
            return Optional.empty();
        }
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Operation.WriteBehind(
                cacheName(d),
                key.get(),
                value.get(),
                ttl,
                delay,
                batchSize,
                batchMethod,
                bool(d, "coalesce"),
                maxRetries));
    }

    private boolean hasBatchMethod(String name) {
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
                    return true;
                }
            }
        }
        return false;
    }

    private Optional<Operation.Invalidate> invalidate(Declaration d) {
        String cache = d.string("cache");
        if (cache.isEmpty()) {
            error("@Invalidate(cache = \"\") names no cache: set the name of the cache to remove from");
        }
        boolean all = bool(d, "all");
        boolean before = bool(d, "before");
        Optional<String> allError = ModelRules.invalidateAll(all, d.string("key"));
        if (allError.isPresent()) {
            error(allError.get());
            return Optional.empty();
        }
        if (all) {
            return cache.isEmpty() ? Optional.empty() : Optional.of(new Operation.Invalidate(cache, "", true, before));
        }
        Optional<TypeModel> res = before ? Optional.empty() : result;
        NoResult why = before ? NoResult.INVALIDATE_BEFORE : NoResult.VOID_METHOD;
        Optional<String> key = key(d, res, why);
        if (key.isEmpty() || cache.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Operation.Invalidate(cache, key.get(), false, before));
    }

    private boolean requiredKey(Declaration d) {
        if (d.string("key").isEmpty()) {
            error("@" + d.kind() + " needs a key template, such as key = \"{id}\"");
            return false;
        }
        return true;
    }

    private Optional<String> key(Declaration d, Optional<TypeModel> res, NoResult noResult) {
        String text = d.string("key");
        if (text.isEmpty()) {
            text = KeyTemplate.ofParameters(List.copyOf(parameters.keySet())).text();
            if (text.isEmpty()) {
                return Optional.of(text);
            }
        }
        return template(d, "key", text, res, noResult);
    }

    private Optional<String> value(Declaration d, String key, Optional<TypeModel> res, NoResult noResult) {
        String text = d.string("value");
        if (text.isEmpty()) {
            Set<String> named = new LinkedHashSet<>();
            if (!key.isEmpty()) {
                for (Placeholder p : KeyTemplate.parse(key).placeholders()) {
                    named.add(p.root());
                }
            }
            Optional<String> defaulted =
                    ModelRules.defaultValue(res.isPresent(), List.copyOf(parameters.keySet()), named);
            if (defaulted.isEmpty()) {
                error("@" + d.kind() + " cannot tell which value to store: the method returns nothing and "
                        + parameters.size() + " parameters are not named by the key; set value, such as value = \"{"
                        + lastParameter() + "}\"");
                return Optional.empty();
            }
            text = defaulted.get();
        }
        Optional<String> value = template(d, "value", text, res, noResult);
        if (value.isPresent() && !KeyTemplate.parse(text).isSingleValue()) {
            error("@" + d.kind() + "(value = \"" + text
                    + "\") must be a single placeholder such as {user} or {result}, without other text");
            return Optional.empty();
        }
        return value;
    }

    private Optional<String> template(
            Declaration d, String attribute, String text, Optional<TypeModel> res, NoResult noResult) {
        KeyTemplate template;
        try {
            template = KeyTemplate.parse(text);
        } catch (IllegalArgumentException e) {
            error("@" + d.kind() + "(" + attribute + " = \"" + text + "\") is malformed: " + e.getMessage());
            return Optional.empty();
        }
        List<String> problems = TemplateValidator.validate(template, parameters, res, noResult, site);
        errors.addAll(problems);
        return problems.isEmpty() ? Optional.of(text) : Optional.empty();
    }

    private String ttl(Declaration d) {
        String ttl = d.string("ttl");
        duration(d, "ttl", ttl);
        return ttl.isEmpty() ? found.defaultTtl() : ttl;
    }

    private void duration(Declaration d, String attribute, String text) {
        if (text.isEmpty()) {
            return;
        }
        try {
            Durations.parse(text);
        } catch (IllegalArgumentException e) {
            error("@" + d.kind() + "(" + attribute + " = \"" + text + "\") is not a duration: " + e.getMessage());
        }
    }

    private String cacheName(Declaration d) {
        ClassInfo declaring = found.declaringType();
        String name = method.name();
        int sameName = 0;
        for (MethodInfo m : declaring.methods()) {
            if (m.name().equals(name) && !m.isGenerated()) {
                sameName++;
            }
        }
        String defaultName =
                CacheNames.defaultName(declaring.simpleName(), name, sameName > 1, parameterTypeNames(method));
        return CacheNames.effective(d.string("cache"), found.defaultCache(), defaultName);
    }

    private ResultKind resultKind() {
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
            if (TypeScan.isPlatform(name) || !seen.add(name)) {
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

    private boolean bool(Declaration d, String name) {
        String text = d.string(name);
        if (!text.equals("true") && !text.equals("false")) {
            error("@" + d.kind() + "(" + name + " = " + text + ") must be true or false");
        }
        return Boolean.parseBoolean(text);
    }

    private int integer(Declaration d, String name) {
        try {
            return Integer.parseInt(d.string(name));
        } catch (NumberFormatException e) {
            error("@" + d.kind() + "(" + name + " = " + d.string(name) + ") must be a whole number");
            return 0;
        }
    }

    private double decimal(Declaration d, String name) {
        try {
            return Double.parseDouble(d.string(name));
        } catch (NumberFormatException e) {
            error("@" + d.kind() + "(" + name + " = " + d.string(name) + ") must be a number");
            return 0;
        }
    }

    private void report(Optional<String> problem) {
        if (problem.isPresent()) {
            error(problem.get());
        }
    }

    private static void addIfPresent(List<Operation> operations, Optional<? extends Operation> operation) {
        if (operation.isPresent()) {
            operations.add(operation.get());
        }
    }

    private String lastParameter() {
        String last = "param";
        for (String name : parameters.keySet()) {
            last = name;
        }
        return last;
    }

    private void error(String message) {
        errors.add(site + ": " + message);
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
