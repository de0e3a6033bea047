package dev.larder.model;

import java.util.List;
import java.util.Objects;

/**
 * A method as {@link SpringCache} and {@link JCache} need it to turn its annotations into Larder {@link Declaration}s.
 *
 * @param site the method as every mode names it: {@code com.acme.Catalog#find(int)}
 * @param className the binary name of the type that declares the annotations: {@code com.acme.Catalog}
 * @param methodName the method name
 * @param parameterNames the parameter names in order; see {@code namesKnown}
 * @param namesKnown whether {@code parameterNames} are the source's names (from {@code -parameters} or a
 *     LocalVariableTable) rather than made-up {@code arg0}, {@code arg1}
 * @param parameterTypes the erased parameter types as {@code Class.getName} spells them: {@code int}, {@code
 *     java.lang.String}, {@code [Ljava.lang.String;}
 * @param parameterAnnotations the binary names of each parameter's annotation types
 * @param returnsValue whether the method returns a value (not {@code void})
 * @param annotations the method's Spring or JCache annotations
 * @param typeAnnotations the declaring type's Spring or JCache annotations ({@code @CacheConfig},
 *     {@code @CacheDefaults})
 */
public record ForeignMethod(
        String site,
        String className,
        String methodName,
        List<String> parameterNames,
        boolean namesKnown,
        List<String> parameterTypes,
        List<List<String>> parameterAnnotations,
        boolean returnsValue,
        List<ForeignAnnotation> annotations,
        List<ForeignAnnotation> typeAnnotations) {
    public ForeignMethod {
        Objects.requireNonNull(site, "site");
        parameterNames = List.copyOf(parameterNames);
        parameterTypes = List.copyOf(parameterTypes);
        parameterAnnotations = parameterAnnotations.stream().map(List::copyOf).toList();
        annotations = List.copyOf(annotations);
        typeAnnotations = List.copyOf(typeAnnotations);
    }

    /** What the annotations become: Larder declarations, or the problems that prevent it. */
    public record Translation(List<Declaration> declarations, List<Problem> problems) {
        public Translation {
            declarations = List.copyOf(declarations);
            problems = List.copyOf(problems);
        }

        /** Nothing to weave and nothing wrong: the method carries none of the annotations looked for. */
        public boolean isEmpty() {
            return declarations.isEmpty() && problems.isEmpty();
        }
    }
}
