package dev.larder.internal.redis;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The Jackson type of a declared type's text, as {@link java.lang.reflect.Type#getTypeName} writes it: {@code
 * java.util.Map<java.lang.String, int[]>[]}. Jackson's own parser of such text knows no arrays, at the top or inside
 * type arguments. A wildcard stands for its upper bound ({@code ? extends Number} for {@code Number}, {@code ?} and
 * {@code ? super X} for {@code Object}), as the value that was stored is one of those.
 */
final class TypeText {
    private final TypeFactory factory;
    private final String text;
    private int at;

    private TypeText(TypeFactory factory, String text) {
        this.factory = factory;
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException when the text is no type, or a class it names cannot be loaded
     */
    static JavaType parse(TypeFactory factory, String text) {
        TypeText parser = new TypeText(factory, text);
        JavaType type = parser.type();
        parser.spaces();
        if (parser.at != text.length()) {
            throw parser.unexpected();
        }
        return type;
    }

    private JavaType type() {
        spaces();
        if (next('?')) {
            spaces();
            if (word("extends")) {
                return type();
            }
            if (word("super")) {
                type();
            }
            return factory.constructType(Object.class);
        }
        int start = at;
        while (at < text.length() && "<>,[] ".indexOf(text.charAt(at)) < 0) {
            at++;
        }
        if (start == at) {
            throw unexpected();
        }
        Class<?> raw = load(text.substring(start, at));
        spaces();
        JavaType type;
        if (next('<')) {
            List<JavaType> arguments = new ArrayList<>();
            do {
                arguments.add(type());
                spaces();
            } while (next(','));
            if (!next('>')) {
                throw unexpected();
            }
            type = factory.constructParametricType(raw, arguments.toArray(new JavaType[0]));
        } else {
            type = factory.constructType(raw);
        }
        for (spaces(); next('['); spaces()) {
            if (!next(']')) {
                throw unexpected();
            }
            type = factory.constructArrayType(type);
        }
        return type;
    }

    private Class<?> load(String name) {
        try {
            return factory.findClass(name);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("Cannot load class " + name + " of type " + text, e);
        }
    }

    private boolean word(String word) {
        if (text.startsWith(word, at)) {
            at += word.length();
            return true;
        }
        return false;
    }

    private boolean next(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void spaces() {
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
    }

    private IllegalArgumentException unexpected() {
        return new IllegalArgumentException(
                "Not a type at " + (at < text.length() ? "'" + text.substring(at) + "'" : "its end") + ": " + text);
    }
}
