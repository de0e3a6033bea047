package dev.larder.internal.key;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Encodes a key made by {@link Keys} as a stable, readable string for remote tiers (Redis).
 *
 * <h2>Encoding rule</h2>
 *
 * <ul>
 *   <li>A single-value key is its value, encoded as below: {@code 42}, {@code alice}.
 *   <li>A composite key is its template with the values in place: literal text verbatim, each value encoded as below.
 *       Where a value is followed by another placeholder with no literal text between them, or by literal text that
 *       starts with {@code \}, the marker {@code \S} is written after the value.
 *   <li>A value's text is its {@code name()} for an enum, else its {@code toString()} (strings, boxed primitives,
 *       {@code Character}, {@code Boolean}, {@code UUID}, {@code BigInteger}/{@code BigDecimal}, {@code java.time}
 *       types, records and any class that overrides {@code toString()}).
 *   <li>In that text every <em>special</em> character is escaped: {@code \}, {@code :}, {@code [}, {@code ]}, {@code
 *       ,} always, and the first character of each literal that stands between two placeholders of the template.
 *       A special character that is a letter or digit is written {@code \}{@code uXXXX} (four hex digits), any other
 *       as {@code \} followed by the character: {@code a:b} becomes {@code a\:b}.
 *   <li>{@code null} is written {@code \N}, an empty text {@code \E}: neither can come from escaping, so {@code null},
 *       {@code "null"} and {@code ""} all differ.
 *   <li>An array (of objects or primitives) or a {@code Collection} is {@code [e1,e2,…]} with each element encoded by
 *       these rules; a {@code Set}'s elements are sorted by their encoding, so equal sets encode equally.
 * </ul>
 *
 * <p>Why it is unambiguous: the encoding of a value never contains an unescaped special character except the
 * brackets and commas of its own arrays, and every escape or marker starts with {@code \}, which values escape
 * themselves. So, knowing the template, a reader can always tell where a value ends (at the first unescaped special
 * character, which starts the next literal) and decode every part: within one template, two different part lists
 * never encode to the same string, e.g. {@code ("a:b","c")} is {@code a\:b:c} and {@code ("a","b:c")} is {@code
 * a:b\:c} under {@code {x}:{y}}. Values are compared by their text, so {@code Integer 1}, {@code Long 1} and {@code
 * "1"} encode equally; a method's parameter types fix which one a key holds. Keys of different templates are only
 * kept apart when the literals differ in a way the values cannot imitate ({@code user{id}} with {@code 5} and {@code
 * {name}} with {@code user5} both encode as {@code user5}): give such methods different caches.
 *
 * <p>Stable across JVMs and restarts: nothing depends on identity hash codes or iteration order of hashed sets. A
 * value whose class does not override {@code toString()} has no stable text and is rejected with an {@link
 * IllegalArgumentException} naming its class, when it is encoded. Maps are encoded through their {@code toString()},
 * whose order a {@code HashMap} does not fix: two equal maps may miss each other's entries, never share one.
 *
 * <p>Thread-safe and stateless.
 */
public final class KeyEncoder {
    /** The characters escaped in every value. */
    static final String ALWAYS_ESCAPED = "\\:[],";

    static final String NULL = "\\N";
    static final String EMPTY = "\\E";
    static final String END_OF_VALUE = "\\S";

    private static final ClassValue<Boolean> HAS_OWN_TO_STRING = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("toString").getDeclaringClass() != Object.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    private KeyEncoder() {}

    /**
     * The stable string of a key made by {@link Keys}.
     *
     * @throws IllegalArgumentException when a value's class does not override {@code toString()}, naming the class
     */
    public static String encode(@Nullable Object key) {
        StringBuilder out = new StringBuilder();
        if (key instanceof CompositeKey composite) {
            composite(composite, out);
        } else if (key instanceof ArrayKey array) {
            value(array.array(), ALWAYS_ESCAPED, out);
        } else if (key != NullKey.INSTANCE) {
            value(key, ALWAYS_ESCAPED, out);
        } else {
            out.append(NULL);
        }
        return out.toString();
    }

    private static void composite(CompositeKey key, StringBuilder out) {
        KeyShape shape = key.shape();
        String specials = shape.encodingSpecials();
        out.append(shape.literal(0));
        for (int i = 0; i < key.size(); i++) {
            value(key.part(i), specials, out);
            String literal = shape.literal(i + 1);
            if (i + 1 < key.size() && (literal.isEmpty() || literal.charAt(0) == '\\')) {
                // a value's escapes also start with a backslash: mark where it ends
                out.append(END_OF_VALUE);
            }
            out.append(literal);
        }
    }

    private static void value(@Nullable Object value, String specials, StringBuilder out) {
        if (value == null) {
            out.append(NULL);
        } else if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            List<String> elements = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                elements.add(element(Array.get(value, i), specials));
            }
            list(elements, out);
        } else if (value instanceof Collection<?> collection) {
            List<String> elements = new ArrayList<>(collection.size());
            for (Object element : collection) {
                elements.add(element(element, specials));
            }
            if (value instanceof Set) {
                Collections.sort(elements);
            }
            list(elements, out);
        } else {
            escape(text(value), specials, out);
        }
    }

    private static String element(@Nullable Object element, String specials) {
        StringBuilder out = new StringBuilder();
        value(element, specials, out);
        return out.toString();
    }

    private static void list(List<String> elements, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < elements.size(); i++) {
            out.append(i == 0 ? "" : ",").append(elements.get(i));
        }
        out.append(']');
    }

    private static String text(Object value) {
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (!(value instanceof CharSequence) && !HAS_OWN_TO_STRING.get(value.getClass())) {
            throw new IllegalArgumentException(
                    "Cannot encode a key part of type " + value.getClass().getName()
                            + " for a remote cache: it does not override toString(), so it has no text that is stable across"
                            + " JVMs. Override toString(), make it a record, or name one of its properties in the key"
                            + " template, e.g. {param.id}");
        }
        String text = value.toString();
        if (text == null) {
            throw new IllegalArgumentException("Cannot encode a key part of type "
                    + value.getClass().getName() + ": its toString() returned null");
        }
        return text;
    }

    private static void escape(String text, String specials, StringBuilder out) {
        if (text.isEmpty()) {
            out.append(EMPTY);
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (specials.indexOf(c) < 0) {
                out.append(c);
            } else if (Character.isLetterOrDigit(c)) {
                out.append("\\u").append(String.format("%04X", (int) c));
            } else {
                out.append('\\').append(c);
            }
        }
    }
}
