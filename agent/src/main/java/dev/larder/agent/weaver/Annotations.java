package dev.larder.agent.weaver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.method.MethodDescription;

/** Reads Larder annotations from class-file descriptions by type name, so the annotation classes are never loaded. */
final class Annotations {
    static final String PACKAGE = "dev.larder.annotation.";
    private static final List<String> METHOD_KINDS =
            List.of("Cached", "WriteThrough", "WriteBehind", "Invalidate", "RefreshAhead");

    private Annotations() {}

    /** Whether any annotation of the list is a Larder method annotation. */
    static boolean any(AnnotationList annotations) {
        for (AnnotationDescription annotation : annotations) {
            String name = annotation.getAnnotationType().getName();
            if (name.startsWith(PACKAGE) && !name.endsWith("CacheDefaults")) {
                return true;
            }
        }
        return false;
    }

    /** The Larder method annotations of the list, repeated {@code @Invalidate}s unpacked. */
    static List<Declaration> declarations(AnnotationList annotations) {
        List<Declaration> declarations = new ArrayList<>();
        for (AnnotationDescription annotation : annotations) {
            String name = annotation.getAnnotationType().getName();
            if (!name.startsWith(PACKAGE)) {
                continue;
            }
            String simple = name.substring(PACKAGE.length());
            if (simple.equals("Invalidate$List")) {
                for (AnnotationDescription inner :
                        annotation.getValue("value").resolve(AnnotationDescription[].class)) {
                    declarations.add(declaration("Invalidate", inner));
                }
            } else if (METHOD_KINDS.contains(simple)) {
                declarations.add(declaration(simple, annotation));
            }
        }
        return declarations;
    }

    /** An attribute of the type's {@code @CacheDefaults}, or empty. */
    static String typeDefault(AnnotationList annotations, String attribute) {
        for (AnnotationDescription annotation : annotations) {
            if (annotation.getAnnotationType().getName().equals(PACKAGE + "CacheDefaults")) {
                return String.valueOf(annotation.getValue(attribute).resolve());
            }
        }
        return "";
    }

    private static Declaration declaration(String kind, AnnotationDescription annotation) {
        Map<String, String> values = new LinkedHashMap<>();
        for (MethodDescription.InDefinedShape property :
                annotation.getAnnotationType().getDeclaredMethods()) {
            values.put(
                    property.getName(),
                    String.valueOf(annotation.getValue(property).resolve()));
        }
        return new Declaration(kind, values);
    }
}
