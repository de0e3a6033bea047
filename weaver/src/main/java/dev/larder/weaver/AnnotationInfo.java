package dev.larder.weaver;

import java.util.Map;
import org.objectweb.asm.Type;

/**
 * An annotation as a class file records it: its type and the attributes that were set (defaults are not recorded).
 * Values are {@code String}, boxed primitives, {@code List} for arrays and {@code AnnotationInfo} for nested
 * annotations.
 */
record AnnotationInfo(String descriptor, Map<String, Object> values) {
    AnnotationInfo {
        values = Map.copyOf(values);
    }

    /** The annotation type's binary name. */
    String typeName() {
        return Type.getType(descriptor).getClassName();
    }
}
