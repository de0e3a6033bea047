package dev.larder.weaver;

import dev.larder.model.Guard;
import dev.larder.model.SpelCondition;
import dev.larder.model.SpelCondition.Compare;
import dev.larder.model.SpelCondition.Logic;
import dev.larder.model.SpelCondition.Node;
import dev.larder.model.SpelCondition.Not;
import dev.larder.model.SpelCondition.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * The static boolean methods compiled from Spring's {@code condition} and {@code unless} expressions ({@link
 * SpelCondition}), one per expression of a woven method, named as its {@link Guard} names them: {@code condition}
 * takes the woven method's parameters, {@code unless} those and the result. The woven code calls them where it calls
 * a condition method of the type ({@link WovenCode#callCondition}). Values are boxed and compared by {@code
 * dev.larder.internal.weave.SpelOperators}, with SpEL's semantics; {@code and} and {@code or} short-circuit; property
 * paths go through the null-safe {@link PathHelpers}, so that a path through null is null rather than an error.
 */
final class ConditionMethods {
    private static final Type OPERATORS = Type.getObjectType("dev/larder/internal/weave/SpelOperators");
    private static final Method TRUTH = new Method("truth", Type.BOOLEAN_TYPE, new Type[] {RuntimeCalls.OBJECT});

    private final GeneratorAdapter code;
    private final MethodPlan plan;
    private final PathHelpers helpers;
    private final ClassFiles files;
    private final Host host;

    private ConditionMethods(GeneratorAdapter code, MethodPlan plan, PathHelpers helpers, ClassFiles files, Host host) {
        this.code = code;
        this.host = host;
        this.plan = plan;
        this.helpers = helpers;
        this.files = files;
    }

    /** Adds the methods of every woven method's expressions to the class; the path helpers are written after. */
    static void writeAll(
            WovenClassWriter writer, Host host, PathHelpers helpers, Collection<WovenClassVisitor.Woven> woven) {
        Set<String> written = new HashSet<>();
        for (WovenClassVisitor.Woven w : woven) {
            MethodPlan plan = w.plan();
            for (Guard guard : plan.guards()) {
                write(writer, host, helpers, plan, guard.condition(), guard.conditionExpression(), false, written);
                write(writer, host, helpers, plan, guard.unless(), guard.unlessExpression(), true, written);
            }
        }
    }

    private static void write(
            WovenClassWriter writer,
            Host host,
            PathHelpers helpers,
            MethodPlan plan,
            String name,
            @Nullable SpelCondition expression,
            boolean withResult,
            Set<String> written) {
        if (expression == null || !written.add(name)) {
            return;
        }
        Type[] arguments = plan.method().parameterTypes();
        if (withResult) {
            arguments = Arrays.copyOf(arguments, arguments.length + 1);
            arguments[arguments.length - 1] = plan.method().returnType();
        }
        Method method = new Method(name, Type.BOOLEAN_TYPE, arguments);
        int access = host.hiddenAccess() | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC;
        GeneratorAdapter code = new GeneratorAdapter(
                writer.generate(access, name, method.getDescriptor()), access, name, method.getDescriptor());
        code.visitCode();
        new ConditionMethods(code, plan, helpers, writer.files(), host).test(expression.root());
        code.returnValue();
        code.endMethod();
    }

    /** Leaves the node's truth on the stack as an int. */
    private void test(Node node) {
        if (node instanceof Value value) {
            push(value);
            code.invokeStatic(OPERATORS, TRUTH);
        } else if (node instanceof Compare compare) {
            push(compare.left());
            push(compare.right());
            String operator = compare.operator().name().toLowerCase(Locale.ROOT);
            code.invokeStatic(
                    OPERATORS,
                    new Method(operator, Type.BOOLEAN_TYPE, new Type[] {RuntimeCalls.OBJECT, RuntimeCalls.OBJECT}));
        } else if (node instanceof Not not) {
            test(not.operand());
            code.push(1);
            code.visitInsn(Opcodes.IXOR);
        } else if (node instanceof Logic logic) {
            Label decided = code.newLabel();
            Label end = code.newLabel();
            test(logic.left());
            code.ifZCmp(logic.and() ? GeneratorAdapter.EQ : GeneratorAdapter.NE, decided);
            test(logic.right());
            code.goTo(end);
            code.mark(decided);
            code.push(!logic.and());
            code.mark(end);
        }
    }

    /** Leaves the value on the stack as an object, primitives boxed. */
    private void push(Value value) {
        if (value.isLiteral()) {
            literal(value.literal());
            return;
        }
        Type[] parameters = plan.method().parameterTypes();
        int argument = value.parameter() == Value.RESULT ? parameters.length : value.parameter();
        Type type = value.parameter() == Value.RESULT ? plan.method().returnType() : parameters[argument];
        code.loadArg(argument);
        if (value.properties().isEmpty()) {
            code.valueOf(type);
            return;
        }
        ClassFileTypeModel model = value.parameter() == Value.RESULT
                ? new ClassFileTypeModel(type, files)
                : plan.parameterTypes().get(plan.parameterNames().get(argument));
        List<ClassFileTypeModel.Accessor> accessors = new ArrayList<>();
        for (String property : value.properties()) {
            Optional<ClassFileTypeModel.Accessor> accessor = model.accessor(property);
            if (accessor.isEmpty()) { // the model resolved every path: this is a bug
                throw new IllegalStateException("unresolved property " + property);
            }
            accessors.add(accessor.get());
            model = model.of(accessor.get().type());
        }
        Method helper = helpers.helper(type, accessors);
        code.visitMethodInsn(
                host.invoke(true),
                host.owner().getInternalName(),
                helper.getName(),
                helper.getDescriptor(),
                host.isInterface());
    }

    private void literal(@Nullable Object literal) {
        if (literal == null) {
            code.visitInsn(Opcodes.ACONST_NULL);
        } else if (literal instanceof String s) {
            code.push(s);
        } else if (literal instanceof Integer i) {
            code.push(i.intValue());
            code.valueOf(Type.INT_TYPE);
        } else if (literal instanceof Long l) {
            code.push(l.longValue());
            code.valueOf(Type.LONG_TYPE);
        } else if (literal instanceof Double d) {
            code.push(d.doubleValue());
            code.valueOf(Type.DOUBLE_TYPE);
        } else if (literal instanceof Boolean b) {
            code.push(b.booleanValue());
            code.valueOf(Type.BOOLEAN_TYPE);
        } else {
            throw new IllegalStateException("unexpected literal " + literal.getClass());
        }
    }
}
