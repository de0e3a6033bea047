package dev.larder.agent.weaver;

import dev.larder.agent.weaver.advice.CachedAdvice;
import dev.larder.agent.weaver.advice.CachedParameterAdvice;
import dev.larder.agent.weaver.advice.CachedTwoParameterAdvice;
import dev.larder.agent.weaver.advice.InvalidateAfterAdvice;
import dev.larder.agent.weaver.advice.InvalidateBeforeAdvice;
import dev.larder.agent.weaver.advice.KeyPart;
import dev.larder.agent.weaver.advice.SecondKeyPart;
import dev.larder.agent.weaver.advice.Site;
import dev.larder.agent.weaver.advice.WriteBehindAdvice;
import dev.larder.agent.weaver.advice.WriteThroughAdvice;
import dev.larder.internal.key.KeyTemplate;
import dev.larder.internal.key.Placeholder;
import dev.larder.internal.weave.CachedSite;
import dev.larder.internal.weave.InvalidateSite;
import dev.larder.internal.weave.WriteBehindSite;
import dev.larder.internal.weave.WriteThroughSite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.build.Plugin;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;

/**
 * Weaves Larder's caching into the methods of one type, inlining small advice into each method with Byte Buddy's
 * {@link Advice}: no subclass, no proxy, so {@code new Foo()}, self-invocation and calls through any reference are all
 * cached, and stack traces show the method itself. Independent of {@code java.lang.instrument}: the agent applies it as
 * classes load, and, as a {@link Plugin}, a build tool can apply it to class files.
 *
 * <p>Per woven method and annotation the type gets a synthetic {@code private static final} site field, created at
 * the start of the type initializer through {@link dev.larder.internal.weave.WovenMethods} and read by the advice
 * with a bound field value. Methods that run their body later (refresh-ahead, write-behind) also keep an untouched
 * copy of it as a private synthetic method {@code name$larder$body}.
 *
 * <p>A method whose declarations are invalid is reported to the {@link Problems} and left as it is; the other
 * methods of the type are still woven. Thread-safe: a weaver holds only immutable state.
 */
public final class LarderWeaver implements Plugin {
    /** The prefix of the fields a woven class carries: their presence marks a class as woven already. */
    static final String SITE_FIELD = "larder$site$";

    private static final String BODY_SUFFIX = "$larder$body";

    /** Receives what could not be woven. */
    @FunctionalInterface
    public interface Problems {
        /**
         * @param type the binary name of the type being woven
         * @param errors the problems of one method, each naming the method
         */
        void report(String type, List<String> errors);
    }

    private final TypeScan scan;
    private final Problems problems;
    private final Map<Class<?>, TypeDescription> advice = new HashMap<>();
    private final ClassFileLocator adviceLocator;

    public LarderWeaver(Rules rules, Problems problems) {
        this.scan = new TypeScan(Objects.requireNonNull(rules, "rules"));
        this.problems = Objects.requireNonNull(problems, "problems");
        List<Class<?>> adviceTypes = List.of(
                CachedAdvice.class,
                CachedParameterAdvice.class,
                CachedTwoParameterAdvice.class,
                WriteThroughAdvice.class,
                WriteBehindAdvice.class,
                InvalidateBeforeAdvice.class,
                InvalidateAfterAdvice.class);
        ClassFileLocator loader = ClassFileLocator.ForClassLoader.of(LarderWeaver.class.getClassLoader());
        // Advice inlines the advice's byte code into every woven method: read each class file once, not per method.
        Map<String, byte[]> adviceClassFiles = new HashMap<>();
        for (Class<?> type : adviceTypes) {
            adviceClassFiles.put(type.getName(), read(loader, type));
        }
        this.adviceLocator = new ClassFileLocator.Compound(new ClassFileLocator.Simple(adviceClassFiles), loader);
        TypePool pool = TypePool.Default.of(adviceLocator);
        for (Class<?> type : adviceTypes) {
            advice.put(type, pool.describe(type.getName()).resolve());
        }
    }

    private static byte[] read(ClassFileLocator locator, Class<?> type) {
        try {
            return locator.locate(type.getName()).resolve();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the advice class " + type.getName(), e);
        }
    }

    /** Whether the type may have something to weave: it, a supertype or a rule names Larder operations. */
    @Override
    public boolean matches(TypeDescription target) {
        return scan.mayApply(target);
    }

    @Override
    public DynamicType.Builder<?> apply(
            DynamicType.Builder<?> builder, TypeDescription typeDescription, ClassFileLocator classFileLocator) {
        return weave(builder, typeDescription);
    }

    /** Weaves every method of {@code type} that has valid declarations; returns the builder unchanged if none. */
    public DynamicType.Builder<?> weave(DynamicType.Builder<?> builder, TypeDescription type) {
        List<SiteInitializer.SiteField> fields = new ArrayList<>();
        Map<String, SiteInitializer.BodyCopy> copies = new HashMap<>();
        for (Map.Entry<MethodDescription.InDefinedShape, Found> entry :
                scan.scan(type).entrySet()) {
            Planner.Result result = Planner.plan(type, entry.getKey(), entry.getValue());
            if (!result.errors().isEmpty()) {
                problems.report(type.getName(), result.errors());
                continue;
            }
            builder = weave(builder, type, result.plan(), fields, copies);
        }
        if (fields.isEmpty()) {
            return builder;
        }
        return builder.visit(new SiteInitializer(fields, copies));
    }

    private DynamicType.Builder<?> weave(
            DynamicType.Builder<?> builder,
            TypeDescription type,
            MethodPlan plan,
            List<SiteInitializer.SiteField> fields,
            Map<String, SiteInitializer.BodyCopy> copies) {
        MethodDescription.InDefinedShape method = plan.method();
        String bodyCopy = "";
        if (plan.needsBodyCopy()) {
            bodyCopy = method.getName() + BODY_SUFFIX;
            copies.put(method.getInternalName() + method.getDescriptor(), new SiteInitializer.BodyCopy(bodyCopy));
        }
        // The first advice applied is the innermost: the cache operation sits next to the body, so that skipping
        // the body on a hit (or for write-behind) still runs the invalidations around it.
        List<Operation> ordered = new ArrayList<>();
        plan.operations().stream()
                .filter(op -> !(op instanceof Operation.Invalidate))
                .forEach(ordered::add);
        plan.operations().stream()
                .filter(op -> op instanceof Operation.Invalidate)
                .forEach(ordered::add);
        for (Operation operation : ordered) {
            String name = SITE_FIELD + fields.size();
            Class<?> siteType = siteType(operation);
            int modifiers = (type.isInterface() ? Opcodes.ACC_PUBLIC : Opcodes.ACC_PRIVATE)
                    | Opcodes.ACC_STATIC
                    | Opcodes.ACC_FINAL
                    | Opcodes.ACC_SYNTHETIC;
            builder = builder.defineField(name, siteType, modifiers);
            FieldDescription field = new FieldDescription.Latent(
                    type,
                    name,
                    modifiers,
                    TypeDescription.Generic.OfNonGenericType.ForLoadedType.of(siteType),
                    List.of());
            Advice.WithCustomMapping mapping = Advice.withCustomMapping().bind(Site.class, field);
            Class<?> adviceType = adviceType(operation, plan);
            if (adviceType == CachedParameterAdvice.class || adviceType == CachedTwoParameterAdvice.class) {
                List<Placeholder> parts =
                        KeyTemplate.parse(((Operation.Cached) operation).key()).placeholders();
                mapping = mapping.bind(KeyPart.class, parameter(method, plan, parts.get(0)));
                if (adviceType == CachedTwoParameterAdvice.class) {
                    mapping = mapping.bind(SecondKeyPart.class, parameter(method, plan, parts.get(1)));
                }
            }
            Advice woven = mapping.to(advice.get(adviceType), adviceLocator);
            builder = builder.visit(woven.on(ElementMatchers.is(method)));
            fields.add(new SiteInitializer.SiteField(
                    name,
                    TypeDescription.ForLoadedType.of(siteType).getDescriptor(),
                    factory(operation),
                    constants(operation, plan, bodyCopy)));
        }
        return builder;
    }

    private static Class<?> siteType(Operation operation) {
        if (operation instanceof Operation.Cached) {
            return CachedSite.class;
        } else if (operation instanceof Operation.WriteThrough) {
            return WriteThroughSite.class;
        } else if (operation instanceof Operation.WriteBehind) {
            return WriteBehindSite.class;
        }
        return InvalidateSite.class;
    }

    private static String factory(Operation operation) {
        if (operation instanceof Operation.Cached) {
            return "cached";
        } else if (operation instanceof Operation.WriteThrough) {
            return "writeThrough";
        } else if (operation instanceof Operation.WriteBehind) {
            return "writeBehind";
        }
        return "invalidate";
    }

    private static ParameterDescription.InDefinedShape parameter(
            MethodDescription.InDefinedShape method, MethodPlan plan, Placeholder placeholder) {
        return method.getParameters().get(plan.parameterNames().indexOf(placeholder.root()));
    }

    private static Class<?> adviceType(Operation operation, MethodPlan plan) {
        if (operation instanceof Operation.Cached cached) {
            if (cached.refreshAt() != 0) {
                return CachedAdvice.class;
            }
            if (isOneParameter(cached.key(), plan.parameterNames())) {
                return CachedParameterAdvice.class;
            }
            return isTwoParameters(cached.key(), plan.parameterNames())
                    ? CachedTwoParameterAdvice.class
                    : CachedAdvice.class;
        } else if (operation instanceof Operation.WriteThrough) {
            return WriteThroughAdvice.class;
        } else if (operation instanceof Operation.WriteBehind) {
            return WriteBehindAdvice.class;
        }
        return ((Operation.Invalidate) operation).before() ? InvalidateBeforeAdvice.class : InvalidateAfterAdvice.class;
    }

    /** Two placeholders, each a parameter itself (no property path): the key needs no argument array. */
    private static boolean isTwoParameters(String key, List<String> parameterNames) {
        if (key.isEmpty()) {
            return false;
        }
        List<Placeholder> placeholders = KeyTemplate.parse(key).placeholders();
        return placeholders.size() == 2
                && placeholders.stream().allMatch(p -> p.path().size() == 1 && parameterNames.contains(p.root()));
    }

    private static boolean isOneParameter(String key, List<String> parameterNames) {
        if (key.isEmpty()) {
            return false;
        }
        KeyTemplate template = KeyTemplate.parse(key);
        if (!template.isSingleValue()) {
            return false;
        }
        Placeholder placeholder = template.placeholders().get(0);
        return placeholder.path().size() == 1 && parameterNames.contains(placeholder.root());
    }

    /** The factory's arguments after the lookup, in {@link dev.larder.internal.weave.WovenMethods}' order. */
    private static List<Object> constants(Operation operation, MethodPlan plan, String bodyCopy) {
        MethodDescription method = plan.method();
        List<Object> constants = new ArrayList<>(List.of(
                method.getName(),
                method.getDescriptor(),
                String.join(",", plan.parameterNames()),
                plan.site(),
                operation.cache()));
        if (operation instanceof Operation.Cached c) {
            constants.addAll(
                    List.of(c.key(), c.ttl(), c.cacheNull(), c.result().name(), c.refreshAt(), c.beta(), bodyCopy));
        } else if (operation instanceof Operation.WriteThrough w) {
            constants.addAll(List.of(w.key(), w.value(), w.ttl()));
        } else if (operation instanceof Operation.WriteBehind w) {
            constants.addAll(List.of(
                    w.key(),
                    w.value(),
                    w.ttl(),
                    w.delay(),
                    w.batchSize(),
                    w.batchMethod(),
                    w.coalesce(),
                    w.maxRetries(),
                    bodyCopy));
        } else {
            Operation.Invalidate i = (Operation.Invalidate) operation;
            constants.addAll(List.of(i.key(), i.all(), i.before()));
        }
        return constants;
    }

    @Override
    public void close() {}
}
