package dev.larder.internal.key;

import dev.larder.model.KeyTemplate;
import dev.larder.model.Placeholder;
import dev.larder.model.Target;
import dev.larder.model.TemplateValidator;
import dev.larder.model.TemplateValidator.NoResult;
import dev.larder.model.TypeModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Builds the key of a call from its {@code Object[]} arguments and result, for woven code (build- and load-time
 * modes). The key is exactly the one {@link Keys#of(KeyShape, Object...)} gives for the placeholders' values, so the
 * three modes share cache entries. Paths are resolved once, by {@link #compile}; {@link #render} does no reflective
 * lookup. Immutable and safe to share between threads.
 */
public final class KeyRenderer {
    private final KeyTemplate template;
    private final PathReader[] readers;

    private KeyRenderer(KeyTemplate template, PathReader[] readers) {
        this.template = template;
        this.readers = readers;
    }

    /**
     * Compiles {@code template} against a method's declared parameter and result types.
     *
     * @param resultType the declared return type, {@code null} (or {@code void}) where the template may not read
     *     {@code {result}}
     * @throws IllegalArgumentException with every problem {@link TemplateValidator} reports, when the template does
     *     not fit the signature
     */
    public static KeyRenderer compile(
            KeyTemplate template,
            List<String> parameterNames,
            List<Class<?>> parameterTypes,
            @Nullable Class<?> resultType) {
        return compile(template, parameterNames, parameterTypes, resultType, "method" + parameterTypes);
    }

    /** As {@link #compile(KeyTemplate, List, List, Class)}, naming {@code site} in errors. */
    public static KeyRenderer compile(
            KeyTemplate template,
            List<String> parameterNames,
            List<Class<?>> parameterTypes,
            @Nullable Class<?> resultType,
            String site) {
        return compile(template, parameterNames, parameterTypes, resultType, null, Target.UNKNOWN, site);
    }

    /**
     * As {@link #compile(KeyTemplate, List, List, Class, String)}, where the template may read the object the method
     * is called on, {@code {this.path}} or {@code {this.class}}, of declared type {@code targetType} ({@code null}
     * for a static method); such a renderer needs the target, {@link #render(Object, Object[], Object)}.
     */
    public static KeyRenderer compile(
            KeyTemplate template,
            List<String> parameterNames,
            List<Class<?>> parameterTypes,
            @Nullable Class<?> resultType,
            @Nullable Class<?> targetType,
            String site) {
        Target target = targetType == null ? Target.STATIC : Target.of(ReflectiveTypeModel.ofWovenClass(targetType));
        return compile(template, parameterNames, parameterTypes, resultType, targetType, target, site);
    }

    private static KeyRenderer compile(
            KeyTemplate template,
            List<String> parameterNames,
            List<Class<?>> parameterTypes,
            @Nullable Class<?> resultType,
            @Nullable Class<?> targetType,
            Target target,
            String site) {
        if (parameterNames.size() != parameterTypes.size()) {
            throw new IllegalArgumentException(
                    "parameter names " + parameterNames + " and types " + parameterTypes + " differ in number");
        }
        Map<String, TypeModel> parameters = new LinkedHashMap<>();
        for (int i = 0; i < parameterNames.size(); i++) {
            parameters.put(parameterNames.get(i), ReflectiveTypeModel.of(parameterTypes.get(i)));
        }
        Optional<TypeModel> result = resultType == null || resultType == void.class
                ? Optional.empty()
                : Optional.of(ReflectiveTypeModel.of(resultType));
        List<String> errors =
                TemplateValidator.validate(template, parameters, result, NoResult.UNAVAILABLE, target, site);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", errors));
        }
        List<PathReader> readers = new ArrayList<>();
        for (Placeholder placeholder : template.placeholders()) {
            readers.add(PathReader.compile(placeholder.path(), parameterNames, parameterTypes, resultType, targetType));
        }
        return new KeyRenderer(template, readers.toArray(new PathReader[0]));
    }

    public KeyTemplate template() {
        return template;
    }

    /** The key of one call; {@code result} is ignored unless the template reads it. */
    public Object render(@Nullable Object[] args, @Nullable Object result) {
        return render(null, args, result);
    }

    /** The key of one call on {@code target} (null for a static method or a template that does not read it). */
    public Object render(@Nullable Object target, @Nullable Object[] args, @Nullable Object result) {
        KeyShape shape = KeyShape.of(template);
        return switch (readers.length) {
            case 0 -> Keys.of(shape);
            case 1 -> Keys.of(shape, readers[0].read(target, args, result));
            case 2 -> Keys.of(shape, readers[0].read(target, args, result), readers[1].read(target, args, result));
            case 3 ->
                Keys.of(
                        shape,
                        readers[0].read(target, args, result),
                        readers[1].read(target, args, result),
                        readers[2].read(target, args, result));
            default -> {
                Object[] parts = new Object[readers.length];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = readers[i].read(target, args, result);
                }
                yield Keys.of(shape, parts);
            }
        };
    }

    @Override
    public String toString() {
        return template.text();
    }
}
