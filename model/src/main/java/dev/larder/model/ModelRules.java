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
     * What an {@code @Invalidate} removes: a cache's key or entries, tagged entries, or both. Without a cache it must
     * have tags, and then neither a key nor {@code all}.
     */
    public static Optional<String> invalidateTarget(String cache, String key, boolean all, List<String> tags) {
        if (!cache.isEmpty()) {
            return Optional.empty();
        }
        if (tags.isEmpty()) {
            return Optional.of("@Invalidate(cache = \"\") names no cache: set the name of the cache to remove from,"
                    + " or tags to remove tagged entries of every cache");
        }
        if (all || !key.isEmpty()) {
            return Optional.of("@Invalidate(" + (all ? "all = true" : "key = \"" + key + "\"")
                    + ") needs the cache it removes from, but cache is not set: set cache, or remove by tags only");
        }
        return Optional.empty();
    }

    /** One element of {@code tags}: a template that is not empty. */
    public static Optional<String> tag(String kind, String tag) {
        return tag.isBlank()
                ? Optional.of("@" + kind + "(tags) has an empty tag: write each tag as text with placeholders, such as"
                        + " \"author:{authorId}\"")
                : Optional.empty();
    }

    /** {@code @RefreshAhead} with {@code @Cached(tags)}: a refreshed value is not tagged again yet, so refused. */
    public static Optional<String> refreshTags(boolean refreshAhead, List<String> tags) {
        return refreshAhead && !tags.isEmpty()
                ? Optional.of("@RefreshAhead cannot refresh tagged entries (@Cached(tags = " + tags
                        + ")): remove @RefreshAhead, or the tags")
                : Optional.empty();
    }

    /** Why tag templates cannot read {@code {this}}, completing "… uses {this} but …". */
    public static final String TAGS_WITHOUT_TARGET =
            "a tag is rendered from the parameters and the result only; use a parameter instead";

    /**
     * Which annotations may share a method. At most one of {@code @Cached}, {@code @WriteThrough} and {@code
     * @WriteBehind}; {@code @Invalidate} not with {@code @Cached} (a read that removes entries is a mistake);
     * {@code @RefreshAhead} only with {@code @Cached}.
     *
     * @param simpleNames the simple names of the Larder annotations on the method, such as {@code Cached}
     */
    public static Optional<String> combination(Set<String> simpleNames) {
        List<String> operations = new ArrayList<>();
        for (String operation : List.of("Cached", "CachedAll", "WriteThrough", "WriteBehind")) {
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
        if (simpleNames.contains("CachedAll") && simpleNames.contains("Invalidate")) {
            return Optional.of("@CachedAll and @Invalidate cannot be on one method: a read must not remove entries;"
                    + " put @Invalidate on the method that changes the data");
        }
        if (simpleNames.contains("RefreshAhead") && !simpleNames.contains("Cached")) {
            return Optional.of("@RefreshAhead refreshes @Cached entries and needs @Cached on the same method");
        }
        return Optional.empty();
    }

    /**
     * {@code @CachedAll} has no {@code condition}, {@code unless} or {@code tags}: a bulk lookup caches every key it
     * loads, under the single-key entries of its cache. Empty when {@code value} is unset.
     *
     * @param attribute {@code condition}, {@code unless} or {@code tags}
     */
    public static Optional<String> cachedAllAttribute(String attribute, String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("@CachedAll does not support " + attribute + " (\"" + value + "\"): a bulk lookup caches"
                + " every key it loads; allowed are cache, key, ttl and cacheNull, or use @Cached on a single-key"
                + " method for " + attribute);
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
