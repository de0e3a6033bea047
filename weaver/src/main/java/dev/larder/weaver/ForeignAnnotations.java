package dev.larder.weaver;

import dev.larder.model.Declaration;
import dev.larder.model.ForeignAnnotation;
import dev.larder.model.ForeignMethod;
import dev.larder.model.ForeignMethod.Translation;
import dev.larder.model.JCache;
import dev.larder.model.Problem;
import dev.larder.model.Sites;
import dev.larder.model.SpringCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Type;

/**
 * Reads the Spring Cache and JCache annotations a {@link Dialects} switches on from class files and has the model
 * turn them into Larder declarations ({@link SpringCache}, {@link JCache}).
 */
final class ForeignAnnotations {
    private ForeignAnnotations() {}

    /** Whether the annotations include one that makes a method cached in a switched-on dialect. */
    static boolean any(Dialects dialects, List<AnnotationInfo> annotations) {
        for (AnnotationInfo annotation : annotations) {
            String type = annotation.typeName();
            if ((dialects.spring() && SpringCache.isMethodAnnotation(type))
                    || (dialects.jcache() && JCache.isMethodAnnotation(type))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The declarations {@code annotated}'s annotations (a method of {@code declaring}) make for {@code woven}, the
     * method of {@code wovenType} that is woven, whose parameter names keys use.
     */
    static Translation translate(
            Dialects dialects, ClassInfo wovenType, MethodInfo woven, ClassInfo declaring, MethodInfo annotated) {
        List<String> types = new ArrayList<>();
        List<List<String>> parameterAnnotations = new ArrayList<>();
        Type[] parameterTypes = woven.parameterTypes();
        for (int i = 0; i < parameterTypes.length; i++) {
            Type type = parameterTypes[i];
            types.add(type.getSort() == Type.ARRAY ? type.getDescriptor().replace('/', '.') : type.getClassName());
            List<String> names = new ArrayList<>();
            if (i < annotated.parameterAnnotations().size()) {
                for (AnnotationInfo annotation :
                        annotated.parameterAnnotations().get(i)) {
                    names.add(annotation.typeName());
                }
            }
            parameterAnnotations.add(names);
        }
        ForeignMethod method = new ForeignMethod(
                Sites.of(wovenType.displayName(), woven.name(), Planner.parameterTypeNames(woven)),
                declaring.name(),
                woven.name(),
                woven.parameterNames(),
                woven.namesRecorded(),
                types,
                parameterAnnotations,
                woven.returnType().getSort() != Type.VOID,
                foreign(annotated.annotations()),
                foreign(declaring.annotations()));
        List<Declaration> declarations = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (dialects.spring()) {
            Translation spring = SpringCache.translate(method);
            declarations.addAll(spring.declarations());
            problems.addAll(spring.problems());
        }
        if (dialects.jcache()) {
            Translation jcache = JCache.translate(method);
            declarations.addAll(jcache.declarations());
            problems.addAll(jcache.problems());
        }
        return new Translation(declarations, problems);
    }

    private static List<ForeignAnnotation> foreign(List<AnnotationInfo> annotations) {
        List<ForeignAnnotation> foreign = new ArrayList<>();
        for (AnnotationInfo annotation : annotations) {
            String type = annotation.typeName();
            if (type.startsWith(SpringCache.PACKAGE) || type.startsWith(JCache.PACKAGE)) {
                foreign.add(convert(annotation));
            }
        }
        return foreign;
    }

    private static ForeignAnnotation convert(AnnotationInfo annotation) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> value : annotation.values().entrySet()) {
            values.put(value.getKey(), convertValue(value.getValue()));
        }
        return new ForeignAnnotation(annotation.typeName(), values);
    }

    private static Object convertValue(Object value) {
        if (value instanceof AnnotationInfo nested) {
            return convert(nested);
        }
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>();
            for (Object element : list) {
                converted.add(convertValue(element));
            }
            return converted;
        }
        return value;
    }
}
