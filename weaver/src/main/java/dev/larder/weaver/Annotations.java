package dev.larder.weaver;

import dev.larder.model.Declaration;
import dev.larder.model.TagTemplates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads Larder annotations from class files by type name, so the annotation classes are never loaded. */
final class Annotations {
    static final String PACKAGE = "dev.larder.annotation.";
    private static final List<String> METHOD_KINDS =
            List.of("Cached", "WriteThrough", "WriteBehind", "Invalidate", "RefreshAhead");

    private Annotations() {}

    /** Whether any annotation of the list is a Larder method annotation. */
    static boolean any(List<AnnotationInfo> annotations) {
        for (AnnotationInfo annotation : annotations) {
            String name = annotation.typeName();
            if (name.startsWith(PACKAGE) && !name.endsWith("CacheDefaults")) {
                return true;
            }
        }
        return false;
    }

    /** The Larder method annotations of the list, repeated {@code @Invalidate}s unpacked. */
    static List<Declaration> declarations(List<AnnotationInfo> annotations) {
        List<Declaration> declarations = new ArrayList<>();
        for (AnnotationInfo annotation : annotations) {
            String name = annotation.typeName();
            if (!name.startsWith(PACKAGE)) {
                continue;
            }
            String simple = name.substring(PACKAGE.length());
            if (simple.equals("Invalidate$List")) {
                Object inner = annotation.values().get("value");
                if (inner instanceof List<?> list) {
                    for (Object element : list) {
                        declarations.add(declaration("Invalidate", (AnnotationInfo) element));
                    }
                }
            } else if (METHOD_KINDS.contains(simple)) {
                declarations.add(declaration(simple, annotation));
            }
        }
        return declarations;
    }

    /** An attribute of the type's {@code @CacheDefaults}, or empty. */
    static String typeDefault(List<AnnotationInfo> annotations, String attribute) {
        for (AnnotationInfo annotation : annotations) {
            if (annotation.typeName().equals(PACKAGE + "CacheDefaults")) {
                Object value = annotation.values().get(attribute);
                return value == null ? "" : String.valueOf(value);
            }
        }
        return "";
    }

    /** An attribute as {@link Declaration} takes it: a list's elements joined as {@link TagTemplates} says. */
    private static String text(Object value) {
        if (value instanceof List<?> list) {
            List<String> elements = new ArrayList<>();
            for (Object element : list) {
                elements.add(String.valueOf(element));
            }
            return TagTemplates.join(elements);
        }
        return String.valueOf(value);
    }

    /** The attributes that were set, as text; {@link Declaration} supplies the defaults of the others. */
    private static Declaration declaration(String kind, AnnotationInfo annotation) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> value : annotation.values().entrySet()) {
            values.put(value.getKey(), text(value.getValue()));
        }
        return new Declaration(kind, values);
    }
}
