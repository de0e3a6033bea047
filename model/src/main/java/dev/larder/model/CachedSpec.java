package dev.larder.model;

import java.util.Objects;

/**
 * What a {@code @Cached} method (with an optional {@code @RefreshAhead}) needs from the runtime. Generated and woven
 * code build one per method, once, from annotation values that were already validated and defaulted.
 *
 * @param site the method, for messages: {@code com.acme.Catalog#find(int)}
 * @param cache the effective cache name
 * @param key the effective key template (never empty: the default is the parameters joined by {@code ':'})
 * @param ttl the method's TTL text, or empty for the default; a per-cache configuration value wins
 * @param cacheNull whether null (and empty Optional) results are stored
 * @param result how the result is held
 * @param refreshAt the refresh-ahead fraction of the TTL in (0, 1), or 0 without {@code @RefreshAhead}
 * @param refreshBeta the XFetch beta, 0 for a fixed refresh moment
 * @param returnType the method's generic return type as {@link java.lang.reflect.Type#getTypeName()} writes it
 *     ({@code java.util.Optional<com.acme.Book>}, binary names for nested classes), which Redis values are decoded
 *     into; empty when not known, and the runtime then finds the method from {@code site} by reflection, once
 */
public record CachedSpec(
        String site,
        String cache,
        String key,
        String ttl,
        boolean cacheNull,
        ResultKind result,
        double refreshAt,
        double refreshBeta,
        String returnType) {

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
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(returnType, "returnType");
        if (refreshAt != 0 && !(refreshAt > 0 && refreshAt < 1)) {
            throw new IllegalArgumentException(
                    site + ": @RefreshAhead(at = " + refreshAt + ") must be strictly between 0 and 1");
        }
        if (!(refreshBeta >= 0) || Double.isInfinite(refreshBeta)) {
            throw new IllegalArgumentException(
                    site + ": @RefreshAhead(beta = " + refreshBeta + ") must be 0 or a finite positive number");
        }
    }

    /** A plain {@code @Cached} method without refresh-ahead. */
    public static CachedSpec of(String site, String cache, String key, String ttl) {
        return new CachedSpec(site, cache, key, ttl, false, ResultKind.VALUE, 0, 0, "");
    }
}
