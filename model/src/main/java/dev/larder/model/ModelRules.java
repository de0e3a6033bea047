package dev.larder.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Mode-independent rules for annotation values that are not templates or durations. Each check returns the error
 * message, or empty when the value is allowed, so that the processor can report it on the attribute and the weavers
 * can fail naming the method; the messages are the same in every mode.
 */
public final class ModelRules {
    private ModelRules() {}

    /** {@code @RefreshAhead(at)}: strictly between 0 and 1. */
    public static Optional<String> refreshAt(double at) {
        return at > 0 && at < 1
                ? Optional.empty()
                : Optional.of("@RefreshAhead(at = " + at + ") must be strictly between 0 and 1, such as 0.8");
    }

    /** {@code @RefreshAhead(beta)}: 0 (off) or a finite positive number. */
    public static Optional<String> refreshBeta(double beta) {
        return beta >= 0 && !Double.isInfinite(beta)
                ? Optional.empty()
                : Optional.of(
                        "@RefreshAhead(beta = " + beta + ") must be 0 (off) or a finite positive number, such as 1");
    }

    /** The message for a {@code @CacheDefaults(ttlJitter)} that {@link TtlJitter#parse} refused with {@code e}. */
    public static String defaultTtlJitter(String text, IllegalArgumentException e) {
        return "@CacheDefaults(ttlJitter = \"" + text + "\") is not a TTL jitter: " + e.getMessage();
    }

    /** {@code @WriteBehind(batchSize)}: at least 1. */
    public static Optional<String> batchSize(int batchSize) {
        return batchSize >= 1
                ? Optional.empty()
                : Optional.of("@WriteBehind(batchSize = " + batchSize + ") must be at least 1");
    }

    /** {@code @WriteBehind(maxRetries)}: at least 0. */
    public static Optional<String> maxRetries(int maxRetries) {
        return maxRetries >= 0
                ? Optional.empty()
                : Optional.of("@WriteBehind(maxRetries = " + maxRetries + ") must be 0 or more");
    }

    /** {@code @Invalidate(all = true)} removes every entry, so it takes no key. */
    public static Optional<String> invalidateAll(boolean all, String key) {
        return all && !key.isEmpty()
                ? Optional.of("@Invalidate(all = true) removes every entry of the cache and takes no key, but key is '"
                        + key + "': remove the key, or set all = false")
                : Optional.empty();
    }

    /**
     * Which annotations may share a method. At most one of {@code @Cached}, {@code @WriteThrough} and {@code
     * @WriteBehind}; {@code @Invalidate} not with {@code @Cached} (a read that removes entries is a mistake);
     * {@code @RefreshAhead} only with {@code @Cached}.
     *
     * @param simpleNames the simple names of the Larder annotations on the method, such as {@code Cached}
     */
    public static Optional<String> combination(Set<String> simpleNames) {
        List<String> operations = new ArrayList<>();
        for (String operation : List.of("Cached", "WriteThrough", "WriteBehind")) {
            if (simpleNames.contains(operation)) {
                operations.add(operation);
            }
        }
        if (operations.size() > 1) {
            return Optional.of("@" + String.join(" and @", operations) + " cannot be on one method: keep one of them");
        }
        if (simpleNames.contains("Cached") && simpleNames.contains("Invalidate")) {
            return Optional.of("@Cached and @Invalidate cannot be on one method: a read must not remove entries;"
                    + " put @Invalidate on the method that changes the data");
        }
        if (simpleNames.contains("RefreshAhead") && !simpleNames.contains("Cached")) {
            return Optional.of("@RefreshAhead refreshes @Cached entries and needs @Cached on the same method");
        }
        return Optional.empty();
    }

    /**
     * The default value template of {@code @WriteThrough} and {@code @WriteBehind}: the result when the method returns
     * one; else the parameter, when there is only one; else the only parameter the key does not name. Empty when none
     * of these applies, and {@code value} must be set.
     *
     * @param hasResult whether the method returns a value ({@code @WriteBehind} never has one)
     * @param parameters the parameter names in order
     * @param namedByKey the parameter names the key template uses
     */
    public static Optional<String> defaultValue(boolean hasResult, List<String> parameters, Set<String> namedByKey) {
        if (hasResult) {
            return Optional.of("{result}");
        }
        if (parameters.size() == 1) {
            return Optional.of("{" + parameters.get(0) + "}");
        }
        List<String> rest = new ArrayList<>();
        for (String parameter : parameters) {
            if (!namedByKey.contains(parameter)) {
                rest.add(parameter);
            }
        }
        return rest.size() == 1 ? Optional.of("{" + rest.get(0) + "}") : Optional.empty();
    }
}
