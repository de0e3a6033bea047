package dev.larder.internal.key;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Encodes a key made by {@link Keys} as a stable, readable string for remote tiers (Redis): two keys that are not
 * equal never encode to the same string, and equal keys always do.
 *
 * <h2>Encoding rule</h2>
 *
 * <ul>
 *   <li>A single-value key is its value, encoded as below; a composite key is its template with the values in place,
 *       literal text verbatim. Where a value is followed by another placeholder with no literal text between them, or
 *       by literal text that starts with {@code \}, the marker {@code \S} is written after the value.
 *   <li>A {@code String} is its text: {@code alice}. An empty one is {@code \E}; one that reads as a whole number
 *       ({@code 42}, {@code -7}, {@code 007}) gets the marker {@code \Q} in front, so it never looks like a number.
 *   <li>An integral number is its decimal text: {@code 42}. At the top level {@code Byte}, {@code Short}, {@code
 *       Integer} and {@code Long} of equal value are one key ({@link Keys}), so they encode equally; inside arrays and
 *       collections, where they are different values, a {@code Long}, {@code Short} or {@code Byte} gets {@code \L},
 *       {@code \H} or {@code \Y} in front.
 *   <li>{@code null} is {@code \N}.
 *   <li>Other values carry their type: {@code \B} a {@code Boolean}, {@code \C} a {@code Character}, {@code \D} a
 *       {@code Double}, {@code \F} a {@code Float}, {@code \I} a {@code BigInteger}, {@code \M} a {@code BigDecimal}
 *       (its {@code toString()}, which keeps the scale: {@code 1.0} and {@code 1.00} differ, as they do by {@code
 *       equals}), each followed by its text; any other value is {@code \T}, its class name, {@code \V}, then its text:
 *       an enum's {@code name()} (class: the enum), a {@code Date}'s epoch milliseconds (a {@code Timestamp}'s also
 *       {@code .} and its nanoseconds), else its {@code toString()} (UUID, {@code java.time} types, records).
 *   <li>A {@code List} is {@code [e1,e2,…]}; an array of objects {@code \A[…]}; a primitive array {@code \A} and its
 *       element type's descriptor letter ({@code I}, {@code J}, {@code B}, …) then {@code […]}; a {@code Set} {@code
 *       \J[…]} and a {@code Map} {@code \K[[k1,v1],…]}, their elements (entries) sorted by their encoding, so that
 *       equal sets and maps encode equally. Elements are encoded by these rules.
 *   <li>In every text the <em>special</em> characters are escaped: {@code \}, {@code :}, {@code [}, {@code ]}, {@code
 *       ,} always, and the first character of each literal that stands between two placeholders of the template.
 *       A special letter or digit is written as a backslash, {@code u} and four hex digits, any other special character
 *       {@code \} followed by it ({@code a:b} becomes {@code a\:b}). A lone surrogate (half of a pair, not valid
 *       UTF-16) is also written as a backslash, {@code u} and four hex digits, so the key survives the UTF-8 it is sent as.
 * </ul>
 *
 * <p>Why it is unambiguous: outside escapes and markers a value's encoding contains no special character but the
 * brackets and commas of its own lists, and every escape and marker starts with {@code \}, which texts escape. An
 * escape is {@code \} and a character that is not a letter or digit, or a backslash, {@code u} and four hex digits; a marker is
 * {@code \} and another letter. So a reader knowing the template can tell where each value ends and which type it
 * has. Keys of different templates are only kept apart when the literals differ in a way the values cannot imitate
 * ({@code user{id}} with {@code 5} and {@code {name}} with {@code user5} both encode as {@code user5}): give such
 * methods different caches.
 *
 * <p>Stable across JVMs and restarts: nothing depends on identity hash codes or iteration order of hashed sets. A
 * value whose class does not override both {@code toString()} and {@code equals} has no stable text (or no value
 * equality) and is rejected with an {@link IllegalArgumentException} naming its class, as is a collection that is
 * neither a {@code List} nor a {@code Set} and an array inside a collection (which compares it by identity). A class's {@code toString()} must tell its unequal values apart, as
 * records and the JDK's value types do.
 *
 * <p>Thread-safe and stateless.
 */
public final class KeyEncoder {
    /** The characters escaped in every value. */
    static final String ALWAYS_ESCAPED = "\\:[],";

    static final String NULL = "\\N";
    static final String EMPTY = "\\E";
    static final String END_OF_VALUE = "\\S";
    static final String NUMERIC_STRING = "\\Q";
    static final String TYPE = "\\T";
    static final String VALUE = "\\V";
    static final String ARRAY = "\\A";
    static final String SET = "\\J";
    static final String MAP = "\\K";

    /**
     * Whether a {@code Date} class is {@code java.sql.Timestamp} or one of its subclasses. By name: the runtime names
     * no type of {@code java.sql}, a module of the platform class loader, which a runtime loaded by the bootstrap
     * loader could not link.
     */
    private static final ClassValue<Boolean> TIMESTAMP = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> at = type; at != null && at != Date.class; at = at.getSuperclass()) {
                if (at.getName().equals("java.sql.Timestamp")) {
                    return true;
                }
            }
            return false;
        }
    };

    private static final ClassValue<String> NO_STABLE_TEXT = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            if (!overrides(type, "toString")) {
                return "it does not override toString(), so it has no text that is stable across JVMs";
            }
            if (!overrides(type, "equals", Object.class)) {
                return "it does not override equals(), so equal-looking values are different keys";
            }
            return "";
        }
    };

    private KeyEncoder() {}

    /**
     * The stable string of a key made by {@link Keys}.
     *
     * @throws IllegalArgumentException when a value has no stable text, naming its class and why
     */
    public static String encode(@Nullable Object key) {
        StringBuilder out = new StringBuilder();
        if (key instanceof CompositeKey composite) {
            composite(composite, out);
        } else if (key instanceof ArrayKey array) {
            value(array.array(), ALWAYS_ESCAPED, Level.TOP, out);
        } else if (key != NullKey.INSTANCE) {
            value(key, ALWAYS_ESCAPED, Level.TOP, out);
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
            value(key.part(i), specials, Level.TOP, out);
            String literal = shape.literal(i + 1);
            if (i + 1 < key.size() && (literal.isEmpty() || literal.charAt(0) == '\\')) {
                // a value's escapes also start with a backslash: mark where it ends
                out.append(END_OF_VALUE);
            }
            out.append(literal);
        }
    }

    /** Where a value stands: how it is compared with others decides how it must be encoded. */
    private enum Level {
        /** A key part itself: integral numbers of equal value are equal. */
        TOP,
        /** An element of an array: compared by {@code Arrays.deepEquals}, so nested arrays compare by content. */
        IN_ARRAY,
        /** Within a collection or map: compared by {@code equals}, so a nested array compares by identity. */
        IN_COLLECTION
    }

    private static void value(@Nullable Object value, String specials, Level level, StringBuilder out) {
        if (value == null) {
            out.append(NULL);
        } else if (value instanceof String text) {
            string(text, specials, out);
        } else if (value instanceof Integer) {
            escape(value.toString(), specials, out);
        } else if (value instanceof Long || value instanceof Short || value instanceof Byte) {
            if (level != Level.TOP) {
                out.append(value instanceof Long ? "\\L" : value instanceof Short ? "\\H" : "\\Y");
            }
            escape(value.toString(), specials, out);
        } else if (value.getClass().isArray()) {
            if (level == Level.IN_COLLECTION) {
                throw refused(value, "it is an array inside a collection, which compares it by identity");
            }
            array(value, specials, level, out);
        } else if (value instanceof List<?> list) {
            List<String> elements = new ArrayList<>(list.size());
            for (Object element : list) {
                elements.add(element(element, specials, Level.IN_COLLECTION));
            }
            list(elements, out);
        } else if (value instanceof Set<?> set) {
            List<String> elements = new ArrayList<>(set.size());
            for (Object element : set) {
                elements.add(element(element, specials, Level.IN_COLLECTION));
            }
            Collections.sort(elements);
            list(elements, out.append(SET));
        } else if (value instanceof Map<?, ?> map) {
            map(map, specials, out);
        } else {
            tagged(value, specials, out);
        }
    }

    private static void string(String text, String specials, StringBuilder out) {
        if (text.isEmpty()) {
            out.append(EMPTY);
            return;
        }
        if (readsAsNumber(text)) {
            out.append(NUMERIC_STRING);
        }
        escape(text, specials, out);
    }

    /** An optional minus and ASCII digits: the text an integral number could have. */
    private static boolean readsAsNumber(String text) {
        int start = text.charAt(0) == '-' ? 1 : 0;
        if (start == text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static void array(Object array, String specials, Level level, StringBuilder out) {
        out.append(ARRAY);
        Class<?> component = array.getClass().getComponentType();
        if (component.isPrimitive()) {
            // the descriptor letter: int[] and long[] of equal numbers are different keys
            out.append(component.descriptorString());
        }
        int length = Array.getLength(array);
        List<String> elements = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            elements.add(element(Array.get(array, i), specials, nested(level)));
        }
        list(elements, out);
    }

    private static void map(Map<?, ?> map, String specials, StringBuilder out) {
        List<String> entries = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            StringBuilder pair = new StringBuilder("[");
            value(entry.getKey(), specials, Level.IN_COLLECTION, pair);
            value(entry.getValue(), specials, Level.IN_COLLECTION, pair.append(','));
            entries.add(pair.append(']').toString());
        }
        Collections.sort(entries);
        list(entries, out.append(MAP));
    }

    private static Level nested(Level level) {
        return level == Level.IN_COLLECTION ? level : Level.IN_ARRAY;
    }

    private static String element(@Nullable Object element, String specials, Level level) {
        StringBuilder out = new StringBuilder();
        value(element, specials, level, out);
        return out.toString();
    }

    private static void list(List<String> elements, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < elements.size(); i++) {
            out.append(i == 0 ? "" : ",").append(elements.get(i));
        }
        out.append(']');
    }

    private static void tagged(Object value, String specials, StringBuilder out) {
        String tag = shortTag(value);
        if (tag != null) {
            out.append(tag);
            escape(value.toString(), specials, out);
            return;
        }
        Class<?> type = value instanceof Enum<?> e ? e.getDeclaringClass() : value.getClass();
        out.append(TYPE);
        escape(type.getName(), specials, out);
        out.append(VALUE);
        escape(text(value), specials, out);
    }

    private static @Nullable String shortTag(Object value) {
        if (value instanceof Boolean) {
            return "\\B";
        } else if (value instanceof Character) {
            return "\\C";
        } else if (value instanceof Double) {
            return "\\D";
        } else if (value instanceof Float) {
            return "\\F";
        } else if (value instanceof BigInteger && value.getClass() == BigInteger.class) {
            return "\\I";
        } else if (value instanceof BigDecimal && value.getClass() == BigDecimal.class) {
            return "\\M";
        }
        return null;
    }

    private static String text(Object value) {
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Date date) {
            if (TIMESTAMP.get(date.getClass())) {
                return date.getTime() + "." + date.toInstant().getNano(); // a Timestamp's instant keeps its nanos
            }
            return Long.toString(date.getTime()); // toString() has whole seconds only
        }
        if (value instanceof Collection<?>) {
            throw refused(value, "it is a collection that is neither a List nor a Set, so it has no value equality");
        }
        String problem = NO_STABLE_TEXT.get(value.getClass());
        if (!problem.isEmpty()) {
            throw refused(value, problem);
        }
        String text = value.toString();
        if (text == null) {
            throw refused(value, "its toString() returned null");
        }
        return text;
    }

    private static IllegalArgumentException refused(Object value, String why) {
        return new IllegalArgumentException("Cannot encode a key part of type "
                + value.getClass().getName()
                + " for a remote cache: " + why + ". Use a record, a String, a number or another value type, or name"
                + " one of its properties in the key template, e.g. {param.id}; such calls are not cached in Redis");
    }

    private static boolean overrides(Class<?> type, String name, Class<?>... parameters) {
        try {
            return type.getMethod(name, parameters).getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static void escape(String text, String specials, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c)
                        && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    out.append(c).append(text.charAt(++i));
                } else {
                    hex(c, out); // not valid UTF-16: UTF-8 would turn it into '?'
                }
            } else if (specials.indexOf(c) < 0) {
                out.append(c);
            } else if (Character.isLetterOrDigit(c)) {
                hex(c, out);
            } else {
                out.append('\\').append(c);
            }
        }
    }

    private static void hex(char c, StringBuilder out) {
        String digits = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
        out.append("\\u");
        for (int i = digits.length(); i < 4; i++) {
            out.append('0');
        }
        out.append(digits);
    }
}
