package dev.larder.internal.key;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds the local (in-process) key of a call from the values of its template's placeholders.
 *
 * <p>A key of a {@linkplain KeyShape#isSingleValue() single-value} shape is the value itself (no allocation), {@link
 * #NULL} for {@code null}, and an array wrapper with deep equality for an array. Any other key is a {@link
 * CompositeKey} holding the shape and the parts. Keys compare by value: the shape, then each part by {@code equals}
 * (arrays, also of primitives, element by element). Keys of different shapes are never equal.
 *
 * <p>Integral parts of equal value are equal keys: a {@code Byte}, {@code Short} or {@code Long} part whose value fits
 * an {@code int} is held as an {@code Integer} (so {@code Larder.invalidate("items", 42)} reaches the entry of a
 * {@code long} parameter 42). Only top-level parts are normalised: inside an array or a collection, elements compare
 * by their own {@code equals}, so {@code List.of(1)} and {@code List.of(1L)} stay different keys.
 *
 * <p>Arrays are copied (shallowly) into the key so that a caller changing its array later does not change a stored
 * key; arrays nested in arrays are not copied. The array passed to {@link #of(KeyShape, Object...)} itself belongs to
 * the key afterwards and must not be changed. A part whose static type is an array must be passed as {@code (Object)
 * part}, or Java binds it to the varargs overload as the list of parts.
 *
 * <p>Each list of parts has one key class, picked from the values: two parts whose first is integral and whose second
 * is not an array make an unboxed {@link CompositeKey.IntAnd} (a value in the {@code int} range) or {@link
 * CompositeKey.LongAnd} (any other {@code long}), whether the caller passed the first part boxed or as a primitive.
 *
 * <p>Hot path: called on every cache hit. No reflection, no formatting, no locks; the only allocation is the key.
 */
public final class Keys {
    /** The key of a single-value shape whose value is {@code null}. */
    public static final Object NULL = NullKey.INSTANCE;

    private Keys() {}

    public static Object of(KeyShape shape, @Nullable Object a) {
        if (shape.isSingleValue()) {
            if (a == null) {
                return NULL;
            }
            Object frozen = CompositeKey.freeze(a);
            return frozen != null && frozen.getClass().isArray() ? new ArrayKey(frozen) : frozen;
        }
        checkArity(shape, 1);
        return new CompositeKey.OfN(shape, new Object[] {CompositeKey.freeze(a)});
    }

    public static Object of(KeyShape shape, @Nullable Object a, @Nullable Object b) {
        checkArity(shape, 2);
        Object second = CompositeKey.freeze(b);
        if (second == null || !second.getClass().isArray()) {
            // the one representation of these parts: the same key as ofInt and ofLong make
            Object first = CompositeKey.freeze(a);
            if (first instanceof Integer i) {
                return new CompositeKey.IntAnd(shape, i, second);
            }
            if (first instanceof Long l) {
                return new CompositeKey.LongAnd(shape, l, second);
            }
            return new CompositeKey.Of2(shape, first, second);
        }
        return new CompositeKey.Of2(shape, CompositeKey.freeze(a), second);
    }

    /**
     * The key of two parts, the first an {@code int}: equal to the key of the same parts with the first boxed, built
     * without boxing it.
     */
    public static Object ofInt(KeyShape shape, int a, @Nullable Object b) {
        checkArity(shape, 2);
        Object second = CompositeKey.freeze(b);
        if (second == null || !second.getClass().isArray()) {
            return new CompositeKey.IntAnd(shape, a, second);
        }
        return new CompositeKey.Of2(shape, a, second);
    }

    /** As {@link #ofInt}, for a first part that is a {@code long}: the same key as {@code ofInt} when it fits an int. */
    public static Object ofLong(KeyShape shape, long a, @Nullable Object b) {
        if (CompositeKey.fitsInt(a)) {
            return ofInt(shape, (int) a, b);
        }
        checkArity(shape, 2);
        Object second = CompositeKey.freeze(b);
        if (second == null || !second.getClass().isArray()) {
            return new CompositeKey.LongAnd(shape, a, second);
        }
        return new CompositeKey.Of2(shape, a, second);
    }

    public static Object of(KeyShape shape, @Nullable Object a, @Nullable Object b, @Nullable Object c) {
        checkArity(shape, 3);
        return new CompositeKey.Of3(shape, CompositeKey.freeze(a), CompositeKey.freeze(b), CompositeKey.freeze(c));
    }

    /** The key for any number of parts; the same key as the fixed-arity overloads for one to three parts. */
    public static Object of(KeyShape shape, @Nullable Object... parts) {
        Objects.requireNonNull(parts, "parts");
        switch (parts.length) {
            case 1:
                return of(shape, parts[0]);
            case 2:
                return of(shape, parts[0], parts[1]);
            case 3:
                return of(shape, parts[0], parts[1], parts[2]);
            case 0:
                checkArity(shape, 0);
                return shape.constantKey();
            default:
                checkArity(shape, parts.length);
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = CompositeKey.freeze(parts[i]);
                }
                return new CompositeKey.OfN(shape, parts);
        }
    }

    private static void checkArity(KeyShape shape, int parts) {
        if (shape.placeholderCount() != parts) {
            RuntimeException failure = shape.failure();
            if (failure != null) {
                throw failure;
            }
            throw new IllegalArgumentException("Key shape " + shape + " has " + shape.placeholderCount()
                    + " placeholders but " + parts + " parts were given");
        }
    }
}
