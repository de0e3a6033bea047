package dev.larder.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A Spring {@code condition} or {@code unless} expression, parsed at weave time into a tree that the weaver compiles
 * into a static boolean method of the woven class, so that no expression language runs at call time. Supported:
 * comparisons {@code == != < > <= >=} (also {@code eq ne lt gt le ge}) between values, {@code !} (and {@code not}),
 * {@code and}/{@code or}/{@code &&}/{@code ||}, parentheses, and boolean values standing alone. Values: {@code #name},
 * {@code #name.a.b}, {@code #p0}/{@code #a0}, {@code #root.args[0]}, {@code #root.methodName}, {@code #result} and
 * {@code #result.a} (in {@code unless} only), {@code 'text'} literals, integer and decimal numbers, {@code true},
 * {@code false} and {@code null}. Immutable.
 *
 * @param text the expression as written
 * @param root the parsed tree
 */
public record SpelCondition(String text, Node root) {
    /** The forms messages list as supported. */
    public static final String SUPPORTED = "==, !=, <, >, <=, >= between #name, #name.property, #p0, #a0,"
            + " #root.args[0], #root.methodName, #result and #result.property (unless only), 'text', numbers, true,"
            + " false and null; !, and, or, &&, || and parentheses";

    /** The prefix of the synthetic methods the weaver writes for these expressions. */
    public static final String METHOD_PREFIX = "larder$if$";

    /** A node of the tree. */
    public sealed interface Node permits Value, Compare, Not, Logic {}

    /**
     * A value: a parameter ({@code parameter >= 0}) or the result ({@link #RESULT}) with a property path, or a literal
     * ({@link #LITERAL}: a {@code String}, {@code Integer}, {@code Long}, {@code Double}, {@code Boolean} or null).
     */
    public record Value(
            int parameter,
            List<String> properties,
            @Nullable Object literal) implements Node {
        public static final int RESULT = -1;
        public static final int LITERAL = -2;

        public Value {
            properties = List.copyOf(properties);
        }

        public boolean isLiteral() {
            return parameter == LITERAL;
        }
    }

    /** The comparison operators, as SpEL spells them. */
    public enum Operator {
        EQ("=="),
        NE("!="),
        LT("<"),
        GT(">"),
        LE("<="),
        GE(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public record Compare(Operator operator, Value left, Value right) implements Node {}

    public record Not(Node operand) implements Node {}

    /** {@code and} ({@code and == true}) or {@code or}, evaluated left to right and short-circuited. */
    public record Logic(boolean and, Node left, Node right) implements Node {}

    /**
     * Parses {@code expression}.
     *
     * @param parameterNames the method's parameter names in order
     * @param namesKnown whether the names are the source's, so that {@code #name} can be used
     * @param resultAllowed whether {@code #result} exists ({@code unless})
     * @throws IllegalArgumentException saying what is not supported, without the supported forms
     */
    public static SpelCondition parse(
            String expression,
            String methodName,
            List<String> parameterNames,
            boolean namesKnown,
            boolean resultAllowed) {
        Parser parser = new Parser(expression, methodName, parameterNames, namesKnown, resultAllowed);
        Node root = parser.or();
        if (parser.skipSpaces() < expression.length()) {
            throw new IllegalArgumentException("'" + expression.substring(parser.at) + "' is not supported");
        }
        return new SpelCondition(expression, root);
    }

    /**
     * Checks every property path against the types: empty when each resolves, else what is wrong.
     *
     * @param parameters the method's parameters by name, in order
     * @param result the result's type, when there is one
     */
    public Optional<String> unresolved(Map<String, TypeModel> parameters, Optional<TypeModel> result) {
        List<String> names = List.copyOf(parameters.keySet());
        List<Value> values = new ArrayList<>();
        values(root, values);
        List<Value> alone = new ArrayList<>();
        alone(root, alone);
        for (Value value : values) {
            if (value.isLiteral()) {
                if (alone.contains(value) && !(value.literal() instanceof Boolean)) {
                    return Optional.of("the literal " + value.literal() + " stands where a condition is expected");
                }
                continue;
            }
            TypeModel type = value.parameter() == Value.RESULT
                    ? result.orElse(null)
                    : parameters.get(names.get(value.parameter()));
            String written = value.parameter() == Value.RESULT ? "#result" : "#" + names.get(value.parameter());
            if (alone.contains(value)) {
                Optional<String> notBoolean = notBoolean(value, type, written);
                if (notBoolean.isPresent()) {
                    return notBoolean;
                }
            }
            for (String property : value.properties()) {
                if (type == null) {
                    return Optional.of(written + " has no property " + property);
                }
                Optional<TypeModel> next = type.property(property);
                if (next.isEmpty()) {
                    return Optional.of(written + " (" + type.displayName() + ") has no property " + property);
                }
                written = written + "." + property;
                type = next.get();
            }
        }
        return Optional.empty();
    }

    /** A value standing alone, where a condition is expected, must be a boolean. */
    private static Optional<String> notBoolean(Value value, @Nullable TypeModel type, String written) {
        for (String property : value.properties()) {
            if (type == null) {
                return Optional.empty(); // reported as a missing property
            }
            type = type.property(property).orElse(null);
            written = written + "." + property;
        }
        if (type == null || BOOLEAN_TYPES.contains(type.displayName())) {
            return Optional.empty();
        }
        return Optional.of(written + " (" + type.displayName() + ") stands where a condition is expected, but is not a"
                + " boolean; compare it, as in " + written + " != null");
    }

    private static final List<String> BOOLEAN_TYPES =
            List.of("boolean", "java.lang.Boolean", "Boolean", "java.lang.Object", "Object");

    private static void alone(Node node, List<Value> into) {
        if (node instanceof Value v) {
            into.add(v);
        } else if (node instanceof Not n) {
            alone(n.operand(), into);
        } else if (node instanceof Logic l) {
            alone(l.left(), into);
            alone(l.right(), into);
        }
    }

    private static void values(Node node, List<Value> into) {
        if (node instanceof Value v) {
            into.add(v);
        } else if (node instanceof Compare c) {
            into.add(c.left());
            into.add(c.right());
        } else if (node instanceof Not n) {
            values(n.operand(), into);
        } else if (node instanceof Logic l) {
            values(l.left(), into);
            values(l.right(), into);
        }
    }

    /**
     * The name of the synthetic method for this expression on one method: stable across weaves, distinct for
     * different methods, attributes and expressions.
     */
    public String methodName(String site, String attribute) {
        String identity = site + '\n' + attribute + '\n' + text;
        return METHOD_PREFIX + attribute + "$" + Integer.toHexString(identity.hashCode())
                + Integer.toHexString(
                        new StringBuilder(identity).reverse().toString().hashCode());
    }

    /** Recursive descent over the grammar {@code or := and (or and)*; and := unary (and unary)*; ...}. */
    private static final class Parser extends SpelLexer {
        private final String methodName;
        private final List<String> parameterNames;
        private final boolean namesKnown;
        private final boolean resultAllowed;

        Parser(String text, String methodName, List<String> parameterNames, boolean namesKnown, boolean resultAllowed) {
            super(text);
            this.methodName = methodName;
            this.parameterNames = parameterNames;
            this.namesKnown = namesKnown;
            this.resultAllowed = resultAllowed;
        }

        Node or() {
            Node left = and();
            while (word("or") || symbol("||")) {
                left = new Logic(false, left, and());
            }
            return left;
        }

        private Node and() {
            Node left = unary();
            while (word("and") || symbol("&&")) {
                left = new Logic(true, left, unary());
            }
            return left;
        }

        private Node unary() {
            skipSpaces();
            if (!lookingAt("!=") && symbol("!") || word("not")) {
                return new Not(unary());
            }
            if (symbol("(")) {
                Node inner = or();
                if (!symbol(")")) {
                    throw new IllegalArgumentException("')' expected at index " + at);
                }
                return inner;
            }
            Value left = value();
            Operator operator = operator();
            if (operator == null) {
                return left;
            }
            return new Compare(operator, left, value());
        }

        private @Nullable Operator operator() {
            skipSpaces();
            for (Operator o : List.of(Operator.EQ, Operator.NE, Operator.LE, Operator.GE, Operator.LT, Operator.GT)) {
                if (symbol(o.symbol())) {
                    return o;
                }
            }
            for (Operator o : Operator.values()) {
                if (word(o.name().toLowerCase(java.util.Locale.ROOT))) {
                    return o;
                }
            }
            return null;
        }

        private Value value() {
            if (skipSpaces() >= text.length()) {
                throw new IllegalArgumentException("a value is missing at the end");
            }
            char c = text.charAt(at);
            if (c == '\'' || c == '"') {
                return literal(quoted(c));
            }
            if (Character.isDigit(c) || c == '-' && at + 1 < text.length() && Character.isDigit(text.charAt(at + 1))) {
                return literal(number());
            }
            if (word("true")) {
                return literal(Boolean.TRUE);
            }
            if (word("false")) {
                return literal(Boolean.FALSE);
            }
            if (word("null")) {
                return literal(null);
            }
            if (c != '#') {
                throw new IllegalArgumentException("'" + text.substring(at) + "' is not supported");
            }
            at++;
            String root = identifier();
            int parameter;
            if (root.equals("root")) {
                expect('.');
                String member = identifier();
                if (member.equals("methodName")) {
                    return literal(methodName);
                }
                if (!member.equals("args")) {
                    throw new IllegalArgumentException("#root." + member + " is not supported");
                }
                int index = argsIndex();
                parameter = position(index, "#root.args[" + (index < 0 ? "" : index) + "]", parameterNames);
            } else if (root.equals("result")) {
                if (!resultAllowed) {
                    throw new IllegalArgumentException(
                            "#result does not exist here: it is known only after the" + " method returns, in unless");
                }
                parameter = Value.RESULT;
            } else if (root.matches("[pa][0-9]+")) {
                parameter = position(Integer.parseInt(root.substring(1)), "#" + root, parameterNames);
            } else {
                parameter = named(root, parameterNames, namesKnown);
            }
            List<String> path = new ArrayList<>();
            while (at < text.length() && text.charAt(at) == '.') {
                at++;
                path.add(identifier());
            }
            return new Value(parameter, path, null);
        }

        private static Value literal(@Nullable Object value) {
            return new Value(Value.LITERAL, List.of(), value);
        }

        private Object number() {
            int start = at;
            if (text.charAt(at) == '-') {
                at++;
            }
            while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                at++;
            }
            String digits = text.substring(start, at);
            boolean isLong = at < text.length() && (text.charAt(at) == 'L' || text.charAt(at) == 'l');
            if (isLong) {
                at++;
            }
            try {
                if (digits.contains(".")) {
                    return Double.parseDouble(digits);
                }
                return isLong ? (Object) Long.parseLong(digits) : (Object) Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the number " + digits + " is not supported", e);
            }
        }

        private boolean lookingAt(String s) {
            return text.startsWith(s, at);
        }

        private boolean symbol(String s) {
            skipSpaces();
            if (lookingAt(s)) {
                at += s.length();
                return true;
            }
            return false;
        }

        /** A keyword, case-insensitive as SpEL's, not followed by an identifier character. */
        private boolean word(String w) {
            skipSpaces();
            int end = at + w.length();
            if (text.regionMatches(true, at, w, 0, w.length())
                    && (end == text.length() || !Character.isJavaIdentifierPart(text.charAt(end)))) {
                at = end;
                return true;
            }
            return false;
        }
    }
}
