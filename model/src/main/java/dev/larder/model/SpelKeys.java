package dev.larder.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The subset of Spring's expression language that keys are written in, turned into a Larder key template at weave
 * time, so that no expression is evaluated at run time: {@code #name}, {@code #name.a.b} (getters, record accessors,
 * public fields), {@code #p0}/{@code #a0}, {@code #root.args[0]}, {@code #root.methodName}, {@code #result} and
 * {@code #result.a} where the result exists, string literals and {@code +} concatenation. {@code 'book:' + #id}
 * becomes {@code book:{id}}.
 */
final class SpelKeys {
    /** The forms messages list as supported. */
    static final String SUPPORTED = "#name, #name.property, #p0, #a0, #root.args[0], #root.methodName, #result and"
            + " #result.property (where the result exists), 'text' literals, joined with +";

    private final ForeignMethod method;
    private final boolean resultAllowed;
    private final String text;
    private int at;

    private SpelKeys(ForeignMethod method, boolean resultAllowed, String text) {
        this.method = method;
        this.resultAllowed = resultAllowed;
        this.text = text;
    }

    /**
     * The key template for {@code expression}.
     *
     * @param resultAllowed whether {@code #result} exists where the key is computed
     * @throws IllegalArgumentException saying what is not supported, without the supported forms
     */
    static String template(ForeignMethod method, String expression, boolean resultAllowed) {
        return new SpelKeys(method, resultAllowed, expression).parse();
    }

    /** One operand: literal text, or a placeholder path. */
    private record Operand(String literal, List<String> path) {
        boolean isLiteral() {
            return path.isEmpty();
        }
    }

    private String parse() {
        List<Operand> operands = new ArrayList<>();
        operands.add(operand());
        while (skipSpaces() < text.length()) {
            if (text.charAt(at) != '+') {
                throw new IllegalArgumentException("'" + text.substring(at) + "' is not supported");
            }
            at++;
            operands.add(operand());
        }
        if (operands.size() > 1 && !isText(operands.get(0)) && !isText(operands.get(1))) {
            throw new IllegalArgumentException("the first '+' joins two values that are not text, which SpEL adds as"
                    + " numbers; begin with a string literal, such as '' + #a + ':' + #b");
        }
        StringBuilder template = new StringBuilder();
        for (Operand operand : operands) {
            if (operand.isLiteral()) {
                template.append(operand.literal());
            } else {
                template.append('{').append(String.join(".", operand.path())).append('}');
            }
        }
        return template.toString();
    }

    private boolean isText(Operand operand) {
        if (operand.isLiteral()) {
            return true;
        }
        int index = method.parameterNames().indexOf(operand.path().get(0));
        return operand.path().size() == 1
                && index >= 0
                && method.parameterTypes().get(index).equals("java.lang.String");
    }

    private int skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private Operand operand() {
        if (skipSpaces() >= text.length()) {
            throw new IllegalArgumentException("a value is missing at the end");
        }
        char c = text.charAt(at);
        if (c == '\'' || c == '"') {
            return new Operand(literal(c), List.of());
        }
        if (c != '#') {
            throw new IllegalArgumentException("'" + text.substring(at) + "' is not supported");
        }
        at++;
        String root = identifier();
        List<String> path = new ArrayList<>();
        if (root.equals("root")) {
            expect('.');
            String member = identifier();
            if (member.equals("methodName")) {
                return new Operand(method.methodName(), List.of());
            }
            if (!member.equals("args")) {
                throw new IllegalArgumentException("#root." + member + " is not supported");
            }
            expect('[');
            int start = at;
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            String digits = text.substring(start, at);
            expect(']');
            path.add(parameter(digits.isEmpty() ? -1 : Integer.parseInt(digits), "#root.args[" + digits + "]"));
        } else if (root.equals("result")) {
            if (!resultAllowed) {
                throw new IllegalArgumentException("#result does not exist here: it is known only after the method"
                        + " returns a value, in @CachePut and in @CacheEvict without beforeInvocation");
            }
            path.add(Placeholder.RESULT);
        } else if (root.matches("[pa][0-9]+")) {
            path.add(parameter(Integer.parseInt(root.substring(1)), "#" + root));
        } else {
            path.add(named(root));
        }
        while (at < text.length() && text.charAt(at) == '.') {
            at++;
            path.add(identifier());
        }
        return new Operand("", path);
    }

    private String parameter(int index, String written) {
        if (index < 0 || index >= method.parameterNames().size()) {
            throw new IllegalArgumentException(written + " names no parameter: the method has "
                    + method.parameterNames().size() + " parameters");
        }
        return method.parameterNames().get(index);
    }

    private String named(String name) {
        if (!method.namesKnown()) {
            throw new IllegalArgumentException("#" + name + " needs parameter names, which the class file does not"
                    + " have (compiled without -parameters and without a LocalVariableTable); write #p0, #p1... or"
                    + " compile with -parameters");
        }
        if (!method.parameterNames().contains(name)) {
            throw new IllegalArgumentException(
                    "#" + name + " names no parameter; the parameters are " + method.parameterNames());
        }
        return name;
    }

    private String literal(char quote) {
        StringBuilder literal = new StringBuilder();
        at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c != quote) {
                literal.append(c);
            } else if (at < text.length() && text.charAt(at) == quote) {
                literal.append(quote); // a doubled quote stands for itself
                at++;
            } else {
                if (literal.indexOf("{") >= 0 || literal.indexOf("}") >= 0) {
                    throw new IllegalArgumentException("a literal holding '{' or '}' is not supported");
                }
                return literal.toString();
            }
        }
        throw new IllegalArgumentException("the string literal is not closed");
    }

    private void expect(char c) {
        if (at >= text.length() || text.charAt(at) != c) {
            throw new IllegalArgumentException("'" + c + "' expected at index " + at);
        }
        at++;
    }

    private String identifier() {
        int start = at;
        while (at < text.length()
                && (at == start
                        ? Character.isJavaIdentifierStart(text.charAt(at))
                        : Character.isJavaIdentifierPart(text.charAt(at)))) {
            at++;
        }
        if (start == at) {
            throw new IllegalArgumentException(
                    at < text.length() ? "'" + text.substring(at) + "' is not supported" : "a name is missing");
        }
        return text.substring(start, at);
    }
}
