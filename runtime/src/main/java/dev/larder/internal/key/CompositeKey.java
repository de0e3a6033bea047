package dev.larder.internal.key;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A key of a template that is not a single value: its {@link KeyShape} and the values of its placeholders, in order.
 * Created by {@link Keys}; immutable; equal when the shapes are equal and every part is equal by value (arrays deeply,
 * primitive arrays too). Two- and three-part keys have their own classes so that the common case holds its parts in
 * fields rather than in an extra array, and a two-part key whose first part is an {@code int} or a {@code long} holds
 * it unboxed ({@link IntAnd}, {@link LongAnd}).
 *
 * <p>Every list of parts has exactly one representation, chosen by {@link Keys} from the parts' values alone (never
 * from how the caller passed them, boxed or not), so keys of different classes are never equal and each class
 * compares only with itself.
 */
public abstract sealed class CompositeKey
        permits CompositeKey.Of2, CompositeKey.IntAnd, CompositeKey.LongAnd, CompositeKey.Of3, CompositeKey.OfN {
    private final KeyShape shape;

    CompositeKey(KeyShape shape) {
        this.shape = shape;
    }

    public final KeyShape shape() {
        return shape;
    }

    /** The number of parts, the shape's placeholder count. */
    public abstract int size();

    /** A part; arrays are returned as stored and must not be changed. */
    public abstract @Nullable Object part(int index);

    /**
     * {@code 31 * shape hash + parts hash}, where the parts hash is that of {@link java.util.Arrays#deepHashCode} over
     * the parts (boxed), so an unboxed part hashes as its box does.
     */
    @Override
    public abstract int hashCode();

    /**
     * Equal to a key of the same class, an equal shape and equal parts. Each class compares only with itself (an
     * {@code instanceof} of a final class is one type comparison on the hit path), because {@link Keys} never makes
     * keys of two classes for one list of parts.
     */
    @Override
    public abstract boolean equals(Object o);

    static int hash(KeyShape shape, int partsHash) {
        return 31 * shape.hashCode() + partsHash;
    }

    /** The template's text with the values in place, for logs: {@code tenant-7:[1, 2]}. Not an encoding. */
    @Override
    public final String toString() {
        StringBuilder text = new StringBuilder(shape.literal(0));
        for (int i = 0; i < size(); i++) {
            text.append(text(part(i))).append(shape.literal(i + 1));
        }
        return text.toString();
    }

    /**
     * The part as a key holds it: an array copied, and an integral box ({@code Byte}, {@code Short}, {@code Long})
     * whose value fits an {@code int} turned into an {@code Integer}, so that integral parts of equal value are equal
     * whatever their type ({@code find(long id)} and {@code Larder.invalidate("items", 42)}). A {@code Long} beyond the
     * {@code int} range stays a {@code Long}: no other integral box can hold its value.
     */
    static @Nullable Object freeze(@Nullable Object part) {
        if (part == null) {
            return null;
        }
        Class<?> type = part.getClass();
        if (type == Integer.class || type == String.class) {
            return part; // the common parts, first
        }
        if (!type.isArray()) {
            return integral(part, type);
        }
        if (part instanceof Object[] a) {
            return a.clone();
        } else if (part instanceof int[] a) {
            return a.clone();
        } else if (part instanceof long[] a) {
            return a.clone();
        } else if (part instanceof byte[] a) {
            return a.clone();
        } else if (part instanceof char[] a) {
            return a.clone();
        } else if (part instanceof short[] a) {
            return a.clone();
        } else if (part instanceof boolean[] a) {
            return a.clone();
        } else if (part instanceof float[] a) {
            return a.clone();
        } else {
            return ((double[]) part).clone();
        }
    }

    private static Object integral(Object part, Class<?> type) {
        if (type == Long.class) {
            long value = (Long) part;
            return (int) value == value ? Integer.valueOf((int) value) : part;
        }
        if (type == Short.class || type == Byte.class) {
            return Integer.valueOf(((Number) part).intValue());
        }
        return part;
    }

    /** Whether a {@code long} is held as an {@code int}: see {@link #freeze}. */
    static boolean fitsInt(long value) {
        return (int) value == value;
    }

    static int hash(@Nullable Object part) {
        if (part == null) {
            return 0;
        }
        if (!part.getClass().isArray()) {
            return part.hashCode();
        }
        // deepHashCode of a one-element array dispatches on the element's array type, primitive arrays included
        return Arrays.deepHashCode(new Object[] {part});
    }

    static String text(@Nullable Object part) {
        if (part != null && part.getClass().isArray()) {
            String wrapped = Arrays.deepToString(new Object[] {part});
            return wrapped.substring(1, wrapped.length() - 1);
        }
        return String.valueOf(part);
    }

    static final class Of2 extends CompositeKey {
        private final int hash;
        private final @Nullable Object a;
        private final @Nullable Object b;

        Of2(KeyShape shape, @Nullable Object a, @Nullable Object b) {
            super(shape);
            this.hash = hash(shape, 31 * hash(a) + hash(b));
            this.a = a;
            this.b = b;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public int size() {
            return 2;
        }

        @Override
        public @Nullable Object part(int index) {
            return switch (index) {
                case 0 -> a;
                case 1 -> b;
                default -> throw new IndexOutOfBoundsException(index);
            };
        }

        @Override
        public boolean equals(Object o) {
            return o == this
                    || (o instanceof Of2 that
                            && hash == that.hash
                            && shape().equals(that.shape())
                            && Objects.deepEquals(a, that.a)
                            && Objects.deepEquals(b, that.b));
        }
    }

    static final class Of3 extends CompositeKey {
        private final int hash;
        private final @Nullable Object a;
        private final @Nullable Object b;
        private final @Nullable Object c;

        Of3(KeyShape shape, @Nullable Object a, @Nullable Object b, @Nullable Object c) {
            super(shape);
            this.hash = hash(shape, 31 * (31 * hash(a) + hash(b)) + hash(c));
            this.a = a;
            this.b = b;
            this.c = c;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public int size() {
            return 3;
        }

        @Override
        public @Nullable Object part(int index) {
            return switch (index) {
                case 0 -> a;
                case 1 -> b;
                case 2 -> c;
                default -> throw new IndexOutOfBoundsException(index);
            };
        }

        @Override
        public boolean equals(Object o) {
            return o == this
                    || (o instanceof Of3 that
                            && hash == that.hash
                            && shape().equals(that.shape())
                            && Objects.deepEquals(a, that.a)
                            && Objects.deepEquals(b, that.b)
                            && Objects.deepEquals(c, that.c));
        }
    }

    /**
     * Two parts, the first an {@code int} (boxed, an {@code Integer}) and the second anything but an array: the key of
     * a method such as {@code find(int id, String tenant)}. Holds the {@code int} unboxed and computes its hash on
     * demand (the second part's hash is a field read for a {@code String}), so it is no bigger than a hand-written
     * record of the two. Equal to no {@link Of2}: {@link Keys} never makes an {@code Of2} of such parts.
     */
    static final class IntAnd extends CompositeKey {
        private final int a;
        private final @Nullable Object b;

        IntAnd(KeyShape shape, int a, @Nullable Object b) {
            super(shape);
            this.a = a;
            this.b = b;
        }

        @Override
        public int hashCode() {
            return hash(shape(), 31 * a + (b == null ? 0 : b.hashCode()));
        }

        @Override
        public int size() {
            return 2;
        }

        @Override
        public @Nullable Object part(int index) {
            return switch (index) {
                case 0 -> a;
                case 1 -> b;
                default -> throw new IndexOutOfBoundsException(index);
            };
        }

        @Override
        public boolean equals(Object o) {
            return o == this
                    || (o instanceof IntAnd that
                            && a == that.a
                            && Objects.equals(b, that.b)
                            && shape().equals(that.shape()));
        }
    }

    /**
     * As {@link IntAnd}, for a first part that is a {@code long} beyond the {@code int} range (a smaller one makes an
     * {@link IntAnd}, so that integral parts of equal value are one key).
     */
    static final class LongAnd extends CompositeKey {
        private final long a;
        private final @Nullable Object b;

        LongAnd(KeyShape shape, long a, @Nullable Object b) {
            super(shape);
            this.a = a;
            this.b = b;
        }

        @Override
        public int hashCode() {
            return hash(shape(), 31 * Long.hashCode(a) + (b == null ? 0 : b.hashCode()));
        }

        @Override
        public int size() {
            return 2;
        }

        @Override
        public @Nullable Object part(int index) {
            return switch (index) {
                case 0 -> a;
                case 1 -> b;
                default -> throw new IndexOutOfBoundsException(index);
            };
        }

        @Override
        public boolean equals(Object o) {
            return o == this
                    || (o instanceof LongAnd that
                            && a == that.a
                            && Objects.equals(b, that.b)
                            && shape().equals(that.shape()));
        }
    }

    /** Any other number of parts, including none (a template without placeholders). */
    static final class OfN extends CompositeKey {
        private final int hash;
        private final @Nullable Object[] parts;

        OfN(KeyShape shape, @Nullable Object[] parts) {
            super(shape);
            this.hash = hash(shape, partsHash(parts));
            this.parts = parts;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        private static int partsHash(@Nullable Object[] parts) {
            int h = 0;
            for (Object part : parts) {
                h = 31 * h + hash(part);
            }
            return h;
        }

        @Override
        public int size() {
            return parts.length;
        }

        @Override
        public @Nullable Object part(int index) {
            return parts[index];
        }

        @Override
        public boolean equals(Object o) {
            return o == this
                    || (o instanceof OfN that
                            && hash == that.hash
                            && shape().equals(that.shape())
                            && Arrays.deepEquals(parts, that.parts));
        }
    }
}
