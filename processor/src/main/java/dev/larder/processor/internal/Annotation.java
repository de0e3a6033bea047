package dev.larder.processor.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * One Larder annotation on an element, read through its mirror (never loaded as a class) with defaults applied.
 *
 * @param element the annotated element
 * @param mirror the annotation
 * @param values every attribute by name, defaults included
 * @param explicit the attributes the user wrote, for error positions
 */
public record Annotation(
        Element element,
        AnnotationMirror mirror,
        Map<String, AnnotationValue> values,
        Map<String, AnnotationValue> explicit) {

    public static final String PACKAGE = "dev.larder.annotation.";
    private static final List<String> METHOD_KINDS = List.of(
            PACKAGE + "Cached",
            PACKAGE + "CachedAll",
            PACKAGE + "WriteThrough",
            PACKAGE + "WriteBehind",
            PACKAGE + "Invalidate",
            PACKAGE + "RefreshAhead");

    /** The annotation of that simple name ({@code Cached}) on the element, if present. */
    public static Optional<Annotation> find(Element element, String simpleName, Elements elements) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (nameOf(mirror).equals(PACKAGE + simpleName)) {
                return Optional.of(of(element, mirror, elements));
            }
        }
        return Optional.empty();
    }

    /**
     * Every Larder method annotation on the element in declaration order, repeated {@code @Invalidate}s unpacked.
     */
    public static List<Annotation> all(Element element, Elements elements) {
        List<Annotation> found = new ArrayList<>();
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            String name = nameOf(mirror);
            if (METHOD_KINDS.contains(name)) {
                found.add(of(element, mirror, elements));
            } else if (name.equals(PACKAGE + "Invalidate.List")) {
                Annotation container = of(element, mirror, elements);
                for (Object each : (List<?>) container.values().get("value").getValue()) {
                    found.add(of(element, (AnnotationMirror) ((AnnotationValue) each).getValue(), elements));
                }
            }
        }
        return found;
    }

    /** Whether the element carries any Larder method annotation. */
    public static boolean hasAny(Element element) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            String name = nameOf(mirror);
            if (name.startsWith(PACKAGE) && !name.equals(PACKAGE + "CacheDefaults")) {
                return true;
            }
        }
        return false;
    }

    private static Annotation of(Element element, AnnotationMirror mirror, Elements elements) {
        return new Annotation(
                element,
                mirror,
                byName(elements.getElementValuesWithDefaults(mirror)),
                byName(mirror.getElementValues()));
    }

    private static Map<String, AnnotationValue> byName(
            Map<? extends ExecutableElement, ? extends AnnotationValue> map) {
        Map<String, AnnotationValue> named = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> named.put(k.getSimpleName().toString(), v));
        return Map.copyOf(named);
    }

    private static String nameOf(AnnotationMirror mirror) {
        return ((TypeElement) mirror.getAnnotationType().asElement())
                .getQualifiedName()
                .toString();
    }

    /** The simple name, such as {@code Cached}. */
    public String simpleName() {
        return mirror.getAnnotationType().asElement().getSimpleName().toString();
    }

    public String string(String attribute) {
        return (String) values.get(attribute).getValue();
    }

    /** The attribute's value as written, or null when it has its default. */
    public AnnotationValue explicitValue(String attribute) {
        return explicit.get(attribute);
    }
}
