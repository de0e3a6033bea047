package dev.larder.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parsed key template: literal text and {@code {name.a.b}} placeholders. Immutable and thread-safe.
 *
 * <p>Syntax: a placeholder is {@code '{'} followed by one or more Java identifiers separated by {@code '.'} and a
 * closing {@code '}'}. Everything outside braces is literal text, kept verbatim in the key. A literal {@code '{'} or
 * {@code '}'} cannot be written: there is no escape, because keys never need braces and an escape would make
 * templates harder to read. {@code result} as a root always means the method's return value, and {@code this} the
 * object the method is called on (see {@link Target}).
 *
 * <p>The empty string is not a template: an annotation's empty {@code key} means "every parameter, in order", which
 * only {@link #ofParameters} or {@link #of(String, List)} can resolve. For a method without parameters the default
 * template is the constant template with no segments (text {@code ""}): such a method caches one value under one
 * constant key.
 */
public final class KeyTemplate {
    private static final String ALLOWED =
            "a placeholder is {name} or {name.property...} where each name is a Java identifier;"
                    + " a literal '{' or '}' is not supported in key templates";

    private final String text;
    private final List<Segment> segments;
    private final List<Placeholder> placeholders;
    private final List<String> literals;

    private KeyTemplate(String text, List<Segment> segments) {
        this.text = text;
        this.segments = List.copyOf(segments);
        List<Placeholder> found = new ArrayList<>();
        List<String> literals = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (Segment segment : segments) {
            if (segment instanceof Literal l) {
                literal.append(l.text());
            } else {
                found.add((Placeholder) segment);
                literals.add(literal.toString());
                literal.setLength(0);
            }
        }
        literals.add(literal.toString());
        this.placeholders = List.copyOf(found);
        this.literals = List.copyOf(literals);
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException naming the template, the position (0-based index) and what is allowed, when
     *     the template is empty, has an unbalanced brace, an empty placeholder, an empty path element or a path
     *     element that is not a Java identifier
     */
    public static KeyTemplate parse(String template) {
        Objects.requireNonNull(template, "template");
        if (template.isEmpty()) {
            throw new IllegalArgumentException("Key template is empty: the empty key means every parameter in order,"
                    + " resolve it with KeyTemplate.ofParameters(parameterNames) or KeyTemplate.of(template,"
                    + " parameterNames)");
        }
        List<Segment> segments = new ArrayList<>();
        int literalStart = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '}') {
                throw syntaxError(template, i, "'}' without a matching '{'");
            }
            if (c != '{') {
                i++;
                continue;
            }
            if (i > literalStart) {
                segments.add(new Literal(template.substring(literalStart, i)));
            }
            int close = closingBrace(template, i);
            segments.add(new Placeholder(path(template, i + 1, close)));
            i = close + 1;
            literalStart = i;
        }
        if (literalStart < template.length()) {
            segments.add(new Literal(template.substring(literalStart)));
        }
        return new KeyTemplate(template, segments);
    }

    /**
     * The default template of a method: {@code {a}:{b}:…} over every parameter in order, {@code {a}} for one
     * parameter, and the constant template (no segments, text {@code ""}) for none.
     */
    public static KeyTemplate ofParameters(List<String> parameterNames) {
        if (parameterNames.isEmpty()) {
            return new KeyTemplate("", List.of());
        }
        StringBuilder text = new StringBuilder();
        for (String name : parameterNames) {
            text.append(text.length() == 0 ? "{" : ":{").append(name).append('}');
        }
        return parse(text.toString());
    }

    /** An annotation's {@code key}: {@link #ofParameters} when it is empty, else {@link #parse}. */
    public static KeyTemplate of(String template, List<String> parameterNames) {
        return template.isEmpty() ? ofParameters(parameterNames) : parse(template);
    }

    private static int closingBrace(String template, int open) {
        for (int j = open + 1; j < template.length(); j++) {
            char c = template.charAt(j);
            if (c == '}') {
                if (j == open + 1) {
                    throw syntaxError(template, open, "empty placeholder '{}'");
                }
                return j;
            }
            if (c == '{') {
                throw syntaxError(
                        template, j, "'{' inside a placeholder (the '{' at index " + open + " is not closed)");
            }
        }
        throw syntaxError(template, open, "'{' without a matching '}'");
    }

    private static List<String> path(String template, int from, int to) {
        List<String> path = new ArrayList<>();
        int start = from;
        for (int j = from; j <= to; j++) {
            if (j == to || template.charAt(j) == '.') {
                path.add(identifier(template, start, j));
                start = j + 1;
            }
        }
        return path;
    }

    private static String identifier(String template, int from, int to) {
        if (from == to) {
            throw syntaxError(template, from, "empty path element");
        }
        String name = template.substring(from, to);
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            boolean ok = k == 0 ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c);
            if (!ok) {
                throw syntaxError(template, from + k, "'" + name + "' is not a Java identifier");
            }
        }
        return name;
    }

    private static IllegalArgumentException syntaxError(String template, int index, String problem) {
        return new IllegalArgumentException(
                "Invalid key template \"" + template + "\" at index " + index + ": " + problem + "; " + ALLOWED);
    }

    /** The template as written; {@code ""} for the constant template of a method without parameters. */
    public String text() {
        return text;
    }

    /** Literals and placeholders in order; adjacent literal text is one segment, never empty. */
    public List<Segment> segments() {
        return segments;
    }

    /** The placeholders in order of appearance; the parts of a key follow this order. */
    public List<Placeholder> placeholders() {
        return placeholders;
    }

    /** Whether any placeholder reads the method's return value. */
    public boolean usesResult() {
        for (Placeholder placeholder : placeholders) {
            if (placeholder.isResult()) {
                return true;
            }
        }
        return false;
    }

    /** Whether any placeholder reads the object the method is called on, {@code {this...}}. */
    public boolean usesTarget() {
        for (Placeholder placeholder : placeholders) {
            if (placeholder.isTarget()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The literal skeleton: the texts before, between and after the placeholders, one more than there are
     * placeholders (each possibly empty). Templates with the same literals make the same keys for the same values.
     */
    public List<String> literals() {
        return literals;
    }

    /** Exactly one placeholder and no literal text: the key is the value itself. */
    public boolean isSingleValue() {
        return literals.size() == 2
                && literals.get(0).isEmpty()
                && literals.get(1).isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyTemplate other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
