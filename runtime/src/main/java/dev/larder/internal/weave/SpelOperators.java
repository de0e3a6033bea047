package dev.larder.internal.weave;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.jspecify.annotations.Nullable;

/**
 * The comparisons of Spring's {@code condition} and {@code unless} expressions, which the weaver compiles into static
 * methods of the woven class that call these, with SpEL's semantics for the values supported: numbers of any boxed
 * type are compared by value ({@code 1 == 1L}; integral types exactly, others as {@code BigDecimal} or {@code
 * double}), other values with {@code equals} and {@code compareTo}; {@code null} equals only {@code null} and is less
 * than any other value (so {@code #x < 5} holds when {@code #x} is null, as in SpEL). No allocation for the common
 * cases (integral numbers, strings, booleans). Stateless.
 */
public final class SpelOperators {
    private SpelOperators() {}

    /** {@code a == b}. */
    public static boolean eq(@Nullable Object a, @Nullable Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y) == 0;
        }
        return a.equals(b);
    }

    /** {@code a != b}. */
    public static boolean ne(@Nullable Object a, @Nullable Object b) {
        return !eq(a, b);
    }

    public static boolean lt(@Nullable Object a, @Nullable Object b) {
        return compare(a, b) < 0;
    }

    public static boolean gt(@Nullable Object a, @Nullable Object b) {
        return compare(a, b) > 0;
    }

    public static boolean le(@Nullable Object a, @Nullable Object b) {
        return compare(a, b) <= 0;
    }

    public static boolean ge(@Nullable Object a, @Nullable Object b) {
        return compare(a, b) >= 0;
    }

    /**
     * A value standing alone where a condition is expected: a {@code Boolean}, false when null.
     *
     * @throws IllegalStateException when it is not a {@code Boolean}
     */
    public static boolean truth(@Nullable Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalStateException(
                "a condition's value is not a boolean but a " + value.getClass().getName());
    }

    /**
     * SpEL's ordering: null first, numbers by value, else {@code compareTo} of values of one comparable type.
     *
     * @throws IllegalStateException when the two cannot be compared
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(@Nullable Object a, @Nullable Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y);
        }
        if (a instanceof Comparable c && a.getClass().isInstance(b)) {
            return c.compareTo(b);
        }
        if (b instanceof Comparable c && b.getClass().isInstance(a)) {
            return -c.compareTo(a);
        }
        throw new IllegalStateException("a condition compares a " + a.getClass().getName() + " with a "
                + b.getClass().getName() + ", which cannot be compared");
    }

    private static int compareNumbers(Number x, Number y) {
        if (integral(x) && integral(y)) {
            return Long.compare(x.longValue(), y.longValue());
        }
        if (x instanceof BigDecimal || y instanceof BigDecimal || x instanceof BigInteger || y instanceof BigInteger) {
            return decimal(x).compareTo(decimal(y));
        }
        return Double.compare(x.doubleValue(), y.doubleValue());
    }

    private static boolean integral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        return integral(n) ? BigDecimal.valueOf(n.longValue()) : BigDecimal.valueOf(n.doubleValue());
    }
}
