package dev.larder.processor.internal;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.larder.model.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeMirror;
import org.jspecify.annotations.Nullable;

/**
 * The {@code private static final} handle of each operation of a generated type, created once through {@code
 * Handles} with its spec.
 */
final class HandleFields {
    private final Env env;
    private final Names names;
    private final TypeElement type;
    private final List<FieldSpec> fields = new ArrayList<>();

    HandleFields(Env env, Names names, TypeElement type) {
        this.env = env;
        this.names = names;
        this.type = type;
    }

    /** Declares the handle of one operation and returns its field name. */
    String declare(String method, String site, Step step) {
        return declare(method, site, step, "");
    }

    /**
     * Declares the handle of one operation and returns its field name.
     *
     * @param returnType for a cached method, its return type as the runtime names it (see {@link
     *     Env#runtimeTypeName}), so the runtime never looks the method up by reflection
     */
    String declare(String method, String site, Step step, String returnType) {
        Operation operation = step.operation();
        String suffix = operation instanceof Operation.Invalidate ? "_INVALIDATE" : "";
        String name = names.fresh(Names.constant(method) + suffix);
        FieldSpec.Builder field;
        if (operation instanceof Operation.Cached c) {
            // The owner's class loader resolves the return type, into which Redis values are decoded: not the
            // loader of the thread that happens to initialise the class.
            field = field(RuntimeTypes.CACHED_HANDLE, name)
                    .initializer(
                            "$T.cached(new $T($S, $S, $S, $L, $L, $T.$L, $L, $L, $S, $L, $L$L), $T.class)",
                            RuntimeTypes.HANDLES,
                            RuntimeTypes.CACHED_SPEC,
                            site,
                            c.cache(),
                            c.key(),
                            duration(c.ttl()),
                            c.cacheNull(),
                            RuntimeTypes.RESULT_KIND,
                            c.result().name(),
                            c.refreshAt(),
                            c.refreshBeta(),
                            returnType,
                            fraction(c.ttlJitter()),
                            c.keyArguments() == null
                                    ? CodeBlock.of("($T) null", String.class)
                                    : CodeBlock.of("$S", c.keyArguments()),
                            tags(c.tags()),
                            TypeName.get(env.types().erasure(type.asType())));
        } else if (operation instanceof Operation.CachedAll a) {
            // As above, for the map's value type.
            field = field(RuntimeTypes.BULK_HANDLE, name)
                    .initializer(
                            "$T.cachedAll(new $T($S, $S, $S, $L, $L, $T.VALUE, 0, 0, $S, null, null, $T.of()), $T.class)",
                            RuntimeTypes.HANDLES,
                            RuntimeTypes.CACHED_SPEC,
                            site,
                            a.cache(),
                            a.key(),
                            duration(a.ttl()),
                            a.cacheNull(),
                            RuntimeTypes.RESULT_KIND,
                            returnType,
                            List.class,
                            TypeName.get(env.types().erasure(type.asType())));
        } else if (operation instanceof Operation.WriteThrough w) {
            field = field(RuntimeTypes.WRITE_THROUGH_HANDLE, name)
                    .initializer(
                            "$T.writeThrough(new $T($S, $S, $S, $L, $L))",
                            RuntimeTypes.HANDLES,
                            RuntimeTypes.WRITE_SPEC,
                            site,
                            w.cache(),
                            w.key(),
                            duration(w.ttl()),
                            fraction(w.ttlJitter()));
        } else if (operation instanceof Operation.WriteBehind w) {
            field = field(RuntimeTypes.WRITE_BEHIND_HANDLE, name)
                    .initializer(
                            "$T.writeBehind(new $T($S, $S, $S, $L, $L, $L, $L, $L, $L), $L, $T.class)",
                            RuntimeTypes.HANDLES,
                            RuntimeTypes.WRITE_BEHIND_SPEC,
                            site,
                            w.cache(),
                            w.key(),
                            duration(w.ttl()),
                            duration(w.delay()),
                            w.batchSize(),
                            w.coalesce(),
                            w.maxRetries(),
                            fraction(w.ttlJitter()),
                            batchWriter(step),
                            valueClass(step));
            if (step.batchMethod().isPresent()) {
                // The runtime hands a batch over as List<Object>; the values were stored from the value template.
                field.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                        .addMember("value", "$S", "unchecked")
                        .build());
            }
        } else {
            Operation.Invalidate i = (Operation.Invalidate) operation;
            field = field(RuntimeTypes.INVALIDATE_HANDLE, name)
                    .initializer(
                            "$T.invalidate(new $T($S, $S, $S, $L$L))",
                            RuntimeTypes.HANDLES,
                            RuntimeTypes.INVALIDATE_SPEC,
                            site,
                            i.cache(),
                            i.key(),
                            i.all(),
                            tags(i.tags()));
        }
        fields.add(field.build());
        return name;
    }

    /**
     * A parsed duration as code, in the largest unit that holds it exactly; a null TTL (unset) typed, so that the
     * spec's constructor taking a {@code Duration} is chosen.
     */
    private static CodeBlock duration(@Nullable Duration duration) {
        if (duration == null) {
            return CodeBlock.of("($T) null", Duration.class);
        }
        long nanos = duration.toNanos();
        String[] units = {"ofDays", "ofHours", "ofMinutes", "ofSeconds", "ofMillis"};
        long[] sizes = {86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L};
        for (int i = 0; i < units.length; i++) {
            if (nanos % sizes[i] == 0) {
                return CodeBlock.of("$T.$L($L)", Duration.class, units[i], nanos / sizes[i]);
            }
        }
        return CodeBlock.of("$T.ofNanos($LL)", Duration.class, nanos);
    }

    /** A TTL jitter fraction as code; unset typed, as a null TTL is. */
    private static CodeBlock fraction(@Nullable Double fraction) {
        return fraction == null ? CodeBlock.of("($T) null", Double.class) : CodeBlock.of("$L", fraction);
    }

    /** The spec's last argument for tag templates: none when untagged, so untagged specs read as before. */
    private static CodeBlock tags(List<String> tags) {
        List<CodeBlock> texts = new ArrayList<>();
        for (String tag : tags) {
            texts.add(CodeBlock.of("$S", tag));
        }
        return CodeBlock.of(", $T.of($L)", List.class, CodeBlock.join(texts, ", "));
    }

    List<FieldSpec> fields() {
        return fields;
    }

    private static FieldSpec.Builder field(ClassName handle, String name) {
        return FieldSpec.builder(handle, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL);
    }

    /** The erased, boxed declared type of the written value: what a journal decodes the value into. */
    private TypeName valueClass(Step step) {
        TypeMirror valueType = valueType(step);
        return TypeName.get(env.types().erasure(valueType));
    }

    /** The declared type of the written value, boxed. */
    private TypeMirror valueType(Step step) {
        TypeMirror valueType =
                Objects.requireNonNull(step.value()).parts().get(0).type();
        return valueType instanceof PrimitiveType primitive
                ? env.types().boxedClass(primitive).asType()
                : valueType;
    }

    private CodeBlock batchWriter(Step step) {
        Optional<ExecutableElement> batch = step.batchMethod();
        if (batch.isEmpty()) {
            return CodeBlock.of("null");
        }
        TypeName list = ParameterizedTypeName.get(ClassName.get(List.class), TypeName.get(valueType(step)));
        TypeName target = TypeName.get(env.types().erasure(type.asType()));
        return CodeBlock.of(
                "(target, values) -> (($T) target).$N(($T) ($T<?>) values)",
                target,
                batch.get().getSimpleName().toString(),
                list,
                List.class);
    }
}
