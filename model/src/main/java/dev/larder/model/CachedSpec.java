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

    /**
     * A plain {@code @Cached} method without refresh-ahead, its TTL as text ({@code ""} for none), parsed here once;
     * the {@code with} methods change one component.
     *
     * @throws IllegalArgumentException naming the site when {@code ttl} is not a duration
     */
    public static CachedSpec of(String site, String cache, String key, String ttl) {
        return new CachedSpec(
                site,
                cache,
                key,
                SpecDurations.ttl(site, ttl),
                false,
                ResultKind.VALUE,
                0,
                0,
                "",
                null,
                null,
                List.of());
    }

    /** This spec with another result kind. */
    public CachedSpec withResult(ResultKind result) {
        return with(result, refreshAt, refreshBeta, returnType, tags);
    }

    /** This spec with refresh-ahead at {@code refreshAt} of the TTL, and the XFetch beta. */
    public CachedSpec withRefresh(double refreshAt, double refreshBeta) {
        return with(result, refreshAt, refreshBeta, returnType, tags);
    }

    /** This spec with the method's generic return type, as {@link #returnType()} describes it. */
    public CachedSpec withReturnType(String returnType) {
        return with(result, refreshAt, refreshBeta, returnType, tags);
    }

    /** This spec with the tag templates of each stored entry. */
    public CachedSpec withTags(List<String> tags) {
        return with(result, refreshAt, refreshBeta, returnType, tags);
    }

    /** This spec with the components the {@code with} methods change; the others as they are. */
    private CachedSpec with(
            ResultKind result, double refreshAt, double refreshBeta, String returnType, List<String> tags) {
        return new CachedSpec(
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
                tags);
    }
}
