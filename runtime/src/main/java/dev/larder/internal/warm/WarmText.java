package dev.larder.internal.warm;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The text of one recorded argument: a tag, then the value. Strings, integral numbers, booleans, characters,
 * floating-point numbers, enum constants and UUIDs are recorded; other values have no text, and a key holding one is
 * not recorded. Reading converts the text to the parameter's type, so a key recorded as {@code long} calls an {@code
 * int} parameter when it fits, as keys do (integral parts of equal value are one key).
 */
final class WarmText {
    /** Why a value cannot be read back as a parameter type; carries no value (keys may be personal data). */
    static final class Mismatch extends Exception {
        private static final long serialVersionUID = 1;

        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    private WarmText() {}

    /** The text of a value, or null when it has none. */
    static @Nullable String write(@Nullable Object value) {
        if (value == null) {
            return "n";
        }
        if (value instanceof String s) {
            return "s:" + escape(s);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return "i:" + ((Number) value).longValue();
        }
        if (value instanceof Boolean b) {
            return "z:" + b;
        }
        if (value instanceof Character c) {
            return "c:" + escape(String.valueOf(c));
        }
        if (value instanceof Double || value instanceof Float) {
            return "d:" + ((Number) value).doubleValue();
        }
        if (value instanceof Enum<?> e) {
            return "e:" + e.name();
        }
        if (value instanceof UUID u) {
            return "u:" + u;
        }
        return null;
    }

    /**
     * The value of a text as an argument of type {@code type}.
     *
     * @throws Mismatch when the text is not a value of that type
     */
    static @Nullable Object read(String text, Class<?> type) throws Mismatch {
        if (text.equals("n")) {
            if (type.isPrimitive()) {
                throw new Mismatch("null for a " + type.getName() + " parameter");
            }
            return null;
        }
        if (text.length() < 2 || text.charAt(1) != ':') {
            throw new Mismatch("not a recorded value");
        }
        String body = text.substring(2);
        try {
            return switch (text.charAt(0)) {
                case 's' -> as(type, String.class, unescape(body));
                case 'i' -> integral(Long.parseLong(body), type);
                case 'z' -> as(type, Boolean.class, Boolean.parseBoolean(body));
                case 'c' -> as(type, Character.class, unescape(body).charAt(0));
                case 'd' -> floating(Double.parseDouble(body), type);
                case 'e' -> enumConstant(body, type);
                case 'u' -> as(type, UUID.class, UUID.fromString(body));
                default -> throw new Mismatch("not a recorded value");
            };
        } catch (RuntimeException e) {
            throw new Mismatch("not a recorded value of " + type.getName());
        }
    }

    private static Object as(Class<?> type, Class<?> boxed, Object value) throws Mismatch {
        if (box(type).isAssignableFrom(boxed)) {
            return value;
        }
        throw new Mismatch("a " + boxed.getSimpleName() + " for a " + type.getName() + " parameter");
    }

    private static Object integral(long value, Class<?> type) throws Mismatch {
        Class<?> boxed = box(type);
        if (boxed == Long.class || boxed == Object.class || boxed == Number.class) {
            return boxed == Long.class || value != (int) value ? value : (Object) (int) value;
        }
        if (boxed == Integer.class && value == (int) value) {
            return (int) value;
        }
        if (boxed == Short.class && value == (short) value) {
            return (short) value;
        }
        if (boxed == Byte.class && value == (byte) value) {
            return (byte) value;
        }
        throw new Mismatch("a whole number out of range of a " + type.getName() + " parameter");
    }

    private static Object floating(double value, Class<?> type) throws Mismatch {
        Class<?> boxed = box(type);
        if (boxed == Float.class) {
            return (float) value;
        }
        return as(type, Double.class, value);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(String name, Class<?> type) throws Mismatch {
        if (!type.isEnum()) {
            throw new Mismatch("an enum constant for a " + type.getName() + " parameter");
        }
        return Enum.valueOf((Class) type, name);
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "boolean" -> Boolean.class;
            case "char" -> Character.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            default -> Void.class;
        };
    }

    /** Tabs separate arguments and newlines keys: both, and the backslash, are escaped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(
                        switch (next) {
                            case 't' -> '\t';
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            default -> next;
                        });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
