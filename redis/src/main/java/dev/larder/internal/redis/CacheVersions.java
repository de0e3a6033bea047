package dev.larder.internal.redis;

import org.jspecify.annotations.Nullable;

/**
 * Versioned caches ({@code larder.cache.<name>.version}): a cache with a version is {@code <name>@<version>} in Redis,
 * its keys {@code <namespace>:<name>@<version>:<generation>:<key>}, its generation key and its channel messages alike.
 * Bumping the version makes every JVM that runs with the new one ignore the entries of the old at once, without
 * touching Redis (they expire by their TTL); JVMs still on the old version keep sharing theirs.
 *
 * <p>A version holds no {@code @} (the configuration allows letters, digits, {@code .}, {@code -} and {@code _}), but a
 * cache name may: each {@code @} of the name is doubled, so that cache {@code a@b} and cache {@code a} at version
 * {@code b} never share a name ({@code a@@b} and {@code a@b}).
 */
final class CacheVersions {
    private CacheVersions() {}

    /** The name of {@code cache} in Redis: {@code cache@version}, or {@code cache} without a version. */
    static String remoteName(String cache, @Nullable String version) {
        String name = cache.indexOf('@') < 0 ? cache : cache.replace("@", "@@");
        return version == null ? name : name + "@" + version;
    }
}
