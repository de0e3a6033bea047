package dev.larder.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code @Cached} method (with an optional {@code @RefreshAhead}) needs from the runtime. Generated and woven
 * code build one per method, once, from annotation values that were already validated and defaulted. Immutable.
 *
 * @param site the method, for messages: {@code com.acme.Catalog#find(int)}
 * @param cache the effective cache name
 * @param key the effective key template (never empty: the default is the parameters joined by {@code ':'})
 * @param ttl the method's TTL, {@link Duration#ZERO} for no expiry, or null when the method sets none (the default
 *     applies); a per-cache configuration value wins
 * @param cacheNull whether null (and empty Optional) results are stored
 * @param result how the result is held
 * @param refreshAt the refresh-ahead fraction of the TTL in (0, 1), or 0 without {@code @RefreshAhead}
 * @param refreshBeta the XFetch beta, 0 for a fixed refresh moment
 * @param returnType the method's generic return type as {@link java.lang.reflect.Type#getTypeName()} writes it
 *     ({@code java.util.Optional<com.acme.Book>}, binary names for nested classes), which Redis values are decoded
 *     into; empty when not known, and the runtime then finds the method from {@code site} by reflection, once
 * @param ttlJitter the method's TTL jitter, a fraction from 0 to 1 of the TTL that each store may lose at random (see
 *     {@link TtlJitter}), or null when the method sets none; a per-cache configuration value wins
 * @param keyArguments the parameter of each key part when the key determines the arguments, as {@link
 *     KeyArguments#of} writes it, so that warm restarts can call the method with a recorded key; null when it does not
 * @param tags the tag templates of each stored entry, empty for none; the calling code renders them
 * @throws IllegalArgumentException naming the site when a value is out of range
 */
public record CachedSpec(
        String site,
        String cache,
        String key,
        @Nullable Duration ttl,
        boolean cacheNull,
        ResultKind result,
        double refreshAt,
        double refreshBeta,
        String returnType,
        @Nullable Double ttlJitter,
        @Nullable String keyArguments,
        List<String> tags) {

    /** An untagged spec. */
    public CachedSpec(
            String site,
            String cache,
            String key,
            @Nullable Duration ttl,
            boolean cacheNull,
            ResultKind result,
            double refreshAt,
            double refreshBeta,
            String returnType,
            @Nullable Double ttlJitter,
            @Nullable String keyArguments) {
        this(
                site,
                cache,
                key,
                ttl,
                cacheNull,
                result,
                refreshAt,
                refreshBeta,
                returnType,
                ttlJitter,
                keyArguments,
                List.of());
    }

    /** An untagged spec without the key's arguments: the method is not warmed across restarts. */
    public CachedSpec(
            String site,
            String cache,
            String key,
            @Nullable Duration ttl,
            boolean cacheNull,
            ResultKind result,
            double refreshAt,
            double refreshBeta,
            String returnType,
            @Nullable Double ttlJitter) {
        this(site, cache, key, ttl, cacheNull, result, refreshAt, refreshBeta, returnType, ttlJitter, null);
    }

    /** A tagged spec without TTL jitter of the method's own, not warmed across restarts. */
    public CachedSpec(
            String site,
            String cache,
            String key,
            @Nullable Duration ttl,
            boolean cacheNull,
            ResultKind result,
            double refreshAt,
            double refreshBeta,
            String returnType,
            List<String> tags) {
        this(site, cache, key, ttl, cacheNull, result, refreshAt, refreshBeta, returnType, null, null, tags);
    }

    /** An untagged spec without TTL jitter of the method's own. */
    public CachedSpec(
            String site,
            String cache,
            String key,
            @Nullable Duration ttl,
            boolean cacheNull,
            ResultKind result,
            double refreshAt,
            double refreshBeta,
            String returnType) {
        this(site, cache, key, ttl, cacheNull, result, refreshAt, refreshBeta, returnType, (Double) null);
    }

    /**
     * A spec with the TTL as text ({@code ""} for none), for hand-written code: parsed here, once.
     *
     * @throws IllegalArgumentException naming the site when {@code ttl} is not a duration
     */
    public CachedSpec(
            String site,
            String cache,
            String key,
            String ttl,
            boolean cacheNull,
            ResultKind result,
            double refreshAt,
            double refreshBeta,
            String returnType) {
        this(site, cache, key, SpecDurations.ttl(site, ttl), cacheNull, result, refreshAt, refreshBeta, returnType);
    }

    /** A spec without the return type, which the runtime then reads from the method named by {@code site}. */
    public CachedSpec(
            String site,
            String cache,
            String key,
            String ttl,
            boolean cacheNull,
            ResultKind result,
            double refreshAt,
            double refreshBeta) {
        this(site, cache, key, ttl, cacheNull, result, refreshAt, refreshBeta, "");
    }

    public CachedSpec {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(returnType, "returnType");
        tags = List.copyOf(tags);
        SpecDurations.check(site, "ttl", ttl);
        TtlJitter.check(site, ttlJitter);
        Optional<String> problem = refreshAt == 0 ? Optional.empty() : ModelRules.refreshAt(refreshAt);
        if (problem.isEmpty()) {
            problem = ModelRules.refreshBeta(refreshBeta);
        }
        if (problem.isPresent()) {
            throw new IllegalArgumentException(site + ": " + problem.get());
        }
    }

    /** A plain {@code @Cached} method without refresh-ahead, its TTL as text ({@code ""} for none). */
    public static CachedSpec of(String site, String cache, String key, String ttl) {
        return new CachedSpec(site, cache, key, ttl, false, ResultKind.VALUE, 0, 0, "");
    }
}
