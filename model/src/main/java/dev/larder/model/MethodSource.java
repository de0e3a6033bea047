package dev.larder.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One annotated method as a front end sees it: javac elements in the annotation processor, class files in the
 * weaver, a rules-file line naming a method of a class file. {@link MethodModel} validates what it yields with the
 * rules of every mode. Implementations answer from what they have already read; they need not be thread-safe.
 */
public interface MethodSource {
    /** The type the method is called on, as sites name it: {@code com.acme.Catalog}. */
    String typeName();

    /** The simple name of the type that declares the annotations, for default cache names: {@code Catalog}. */
    String declaringTypeSimpleName();

    /** Whether the declaring type declares more than one method of this name (overloads get distinct caches). */
    boolean overloaded();

    String methodName();

    /** The simple names of the erased parameter types: {@code int}, {@code String}, {@code Book[]}. */
    List<String> parameterTypeNames();

    /** The parameters in order, by name. */
    Map<String, TypeModel> parameters();

    /**
     * What {@code {this...}} reads: the type the method is called on, {@link Target#STATIC} for a static method, or
     * why the front end cannot pass the target. The default: not known.
     */
    default Target target() {
        return Target.UNKNOWN;
    }

    /** The return type, empty for {@code void}. */
    Optional<TypeModel> result();

    /** The return type as messages show it, such as {@code com.acme.Book}. */
    String returnTypeName();

    /** How the method's result is held. */
    ResultKind resultKind();

    /** The Larder method annotations that apply, repeated {@code @Invalidate}s unpacked, in declaration order. */
    List<Declaration> declarations();

    /** An attribute ({@code cache}, {@code ttl}) of the declaring type's {@code @CacheDefaults}, or {@code ""}. */
    String typeDefault(String attribute);

    /**
     * Looks for the {@code @WriteBehind(batchMethod)} named {@code name}: a non-private, non-static method of the
     * type taking one {@code Collection} or {@code List} of the value type.
     *
     * @param value the value template's placeholder, valid for the method
     * @return empty when there is one, else what there is instead, such as {@code there is no non-private,
     *     non-static method saveAll on Catalog} or {@code saveAll takes [int]}
     */
    Optional<String> batchMethodMismatch(String name, Placeholder value);

    /**
     * The annotated method as {@link ConditionRule} sees it, its types written as {@link #methods()} writes them. The
     * default, from simple type names, serves sources whose declarations name no {@code condition} or {@code unless}.
     */
    default MethodShape shape() {
        return new MethodShape(
                methodName(), parameterTypeNames(), returnTypeName(), target() == Target.STATIC, false, false);
    }

    /**
     * The methods a {@code condition} or {@code unless} may name: those of the type the method is called on, its own
     * and inherited, constructors left out. The default: none known.
     */
    default List<MethodShape> methods() {
        return List.of();
    }
}
