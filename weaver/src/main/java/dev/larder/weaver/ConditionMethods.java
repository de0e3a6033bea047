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
 * a condition method of the type ({@link WovenCode#callCondition}). A comparison of primitive numbers and number
 * literals is compiled to a primitive comparison ({@code long}, or {@code double} when either side is floating), so
 * that {@code #id > 0} boxes nothing; other values are boxed and compared by {@code
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
        GeneratorAdapter code = writer.generate(access, method);
        code.visitCode();
        Label no = code.newLabel();
        new ConditionMethods(code, plan, helpers, writer.files(), host).jump(expression.root(), false, no);
        code.push(true);
        code.returnValue();
        code.mark(no);
        code.push(false);
        code.returnValue();
        code.endMethod();
    }

    /**
     * Jumps to {@code target} when the node's truth is {@code when}, else goes on, the stack empty either way: jumping
     * code, as a compiler writes a condition, so that no truth value is left on the stack across a branch ({@link
     * GeneratedCode}).
     */
    private void jump(Node node, boolean when, Label target) {
        if (node instanceof Value value) {
            if (!value.isLiteral()
                    && value.properties().isEmpty()
                    && type(value).getSort() == Type.BOOLEAN) {
                code.loadArg(argument(value));
            } else {
                push(value);
                code.invokeStatic(OPERATORS, TRUTH);
            }
            code.ifZCmp(when ? GeneratorAdapter.NE : GeneratorAdapter.EQ, target);
        } else if (node instanceof Compare compare
                && numeric(compare.left()) != null
                && numeric(compare.right()) != null) {
            // primitive numbers and number literals: compared without boxing, widened as SpEL's numbers are
            Type wide = numeric(compare.left()) == Type.LONG_TYPE && numeric(compare.right()) == Type.LONG_TYPE
                    ? Type.LONG_TYPE
                    : Type.DOUBLE_TYPE;
            pushNumber(compare.left(), wide);
            pushNumber(compare.right(), wide);
            if (when) {
                code.ifCmp(wide, mode(compare.operator()), target);
            } else { // not the opposite comparison: with a NaN, a comparison and its opposite are both false
                Label holds = code.newLabel();
                code.ifCmp(wide, mode(compare.operator()), holds);
                code.goTo(target);
                code.mark(holds);
            }
        } else if (node instanceof Compare compare) {
            push(compare.left());
            push(compare.right());
            String operator = compare.operator().name().toLowerCase(Locale.ROOT);
            code.invokeStatic(
                    OPERATORS,
                    new Method(operator, Type.BOOLEAN_TYPE, new Type[] {RuntimeCalls.OBJECT, RuntimeCalls.OBJECT}));
            code.ifZCmp(when ? GeneratorAdapter.NE : GeneratorAdapter.EQ, target);
        } else if (node instanceof Not not) {
            jump(not.operand(), !when, target);
        } else if (node instanceof Logic logic) {
            // "a and b" is true when both are, "a or b" when either is; the right side runs only when it decides
            if (logic.and() == when) {
                Label decided = code.newLabel();
                jump(logic.left(), !when, decided);
                jump(logic.right(), when, target);
                code.mark(decided);
            } else {
                jump(logic.left(), when, target);
                jump(logic.right(), when, target);
            }
        }
    }

    /** {@code long} for an integral primitive or literal, {@code double} for a floating one, else null. */
    private @Nullable Type numeric(Value value) {
        if (value.isLiteral()) {
            Object literal = value.literal();
            if (literal instanceof Integer || literal instanceof Long) {
                return Type.LONG_TYPE;
            }
            return literal instanceof Double ? Type.DOUBLE_TYPE : null;
        }
        if (!value.properties().isEmpty()) {
            return null;
        }
        return switch (type(value).getSort()) {
            case Type.BYTE, Type.SHORT, Type.INT, Type.LONG -> Type.LONG_TYPE;
            case Type.FLOAT, Type.DOUBLE -> Type.DOUBLE_TYPE;
            default -> null;
        };
    }

    private void pushNumber(Value value, Type wide) {
        if (value.isLiteral()) {
            Number number = (Number) value.literal();
            if (wide == Type.LONG_TYPE) {
                code.push(number.longValue());
            } else {
                code.push(number.doubleValue());
            }
        } else {
            code.loadArg(argument(value));
            code.cast(type(value), wide);
        }
    }

    private static int mode(SpelCondition.Operator operator) {
        return switch (operator) {
            case EQ -> GeneratorAdapter.EQ;
            case NE -> GeneratorAdapter.NE;
            case LT -> GeneratorAdapter.LT;
            case GT -> GeneratorAdapter.GT;
            case LE -> GeneratorAdapter.LE;
            case GE -> GeneratorAdapter.GE;
        };
    }

    /** The argument of the generated method holding a parameter's or the result's value. */
    private int argument(Value value) {
        return value.parameter() == Value.RESULT ? plan.method().parameterTypes().length : value.parameter();
    }

    private Type type(Value value) {
        return value.parameter() == Value.RESULT
                ? plan.method().returnType()
                : plan.method().parameterTypes()[value.parameter()];
    }

    /** Leaves the value on the stack as an object, primitives boxed. */
    private void push(Value value) {
        if (value.isLiteral()) {
            literal(value.literal());
            return;
        }
        int argument = argument(value);
        Type type = type(value);
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
