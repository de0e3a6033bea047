package dev.larder.model;

import java.util.Map;

/** The wrapper class of a primitive type, by name, for messages about collections of values. */
final class Boxes {
    private static final Map<String, String> WRAPPERS = Map.of(
            "boolean", "java.lang.Boolean",
            "byte", "java.lang.Byte",
            "short", "java.lang.Short",
            "char", "java.lang.Character",
            "int", "java.lang.Integer",
            "long", "java.lang.Long",
            "float", "java.lang.Float",
            "double", "java.lang.Double");

    private Boxes() {}

    static String boxed(String typeName) {
        return WRAPPERS.getOrDefault(typeName, typeName);
    }
}
