package dev.larder.model;

import java.util.List;

/**
 * The lexical steps shared by the parsers of Spring's expressions ({@link SpelKeys}, {@link SpelCondition}): a cursor
 * over the text, names, quoted literals and references to parameters by position or name. Errors are {@link
 * IllegalArgumentException}s saying what is wrong, without the supported forms. Not thread-safe: one per parse.
 */
abstract class SpelLexer {
    protected final String text;
    protected int at;

    protected SpelLexer(String text) {
        this.text = text;
    }

    /** Skips whitespace; the position after it. */
    final int skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    final void expect(char c) {
        if (at >= text.length() || text.charAt(at) != c) {
            throw new IllegalArgumentException("'" + c + "' expected at index " + at);
        }
        at++;
    }

    final String identifier() {
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

    /** The literal opened by {@code quote} at the cursor; a doubled quote stands for itself. */
    final String quoted(char quote) {
        StringBuilder literal = new StringBuilder();
        at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c != quote) {
                literal.append(c);
            } else if (at < text.length() && text.charAt(at) == quote) {
                literal.append(quote);
                at++;
            } else {
                return literal.toString();
            }
        }
        throw new IllegalArgumentException("the string literal is not closed");
    }

    /** The digits of {@code [n]} after {@code #root.args}, as an index, or -1 when there are none. */
    final int argsIndex() {
        expect('[');
        int start = at;
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
            at++;
        }
        String digits = text.substring(start, at);
        expect(']');
        return digits.isEmpty() ? -1 : Integer.parseInt(digits);
    }

    /** Checks a positional reference such as {@code #p0}; the index. */
    static int position(int index, String written, List<String> parameterNames) {
        if (index < 0 || index >= parameterNames.size()) {
            throw new IllegalArgumentException(
                    written + " names no parameter: the method has " + parameterNames.size() + " parameters");
        }
        return index;
    }

    /** Checks a reference by name such as {@code #isbn}; the index. */
    static int named(String name, List<String> parameterNames, boolean namesKnown) {
        if (!namesKnown) {
            throw new IllegalArgumentException("#" + name + " needs parameter names, which the class file does not"
                    + " have (compiled without -parameters and without a LocalVariableTable); write #p0, #p1... or"
                    + " compile with -parameters");
        }
        int index = parameterNames.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(
                    "#" + name + " names no parameter; the parameters are " + parameterNames);
        }
        return index;
    }
}
