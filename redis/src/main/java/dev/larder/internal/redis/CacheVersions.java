package dev.larder.internal.redis;

import org.jspecify.annotations.Nullable;

/**
 * Versioned caches ({@code larder.cache.<name>.version}): a cache with a version is {@code <name>@<version>} in Redis,
 * its keys {@code <namespace>:<name>@<version>:<generation>:<key>}, its generation key and its channel messages alike.
 * Bumping the version makes every JVM that runs with the new one ignore the entries of the old at once, without
 * touching Redis (they expire by their TTL); JVMs still on the old version keep sharing theirs.
 */
final class CacheVersions {
    private CacheVersions() {}

    /** The name of {@code cache} in Redis: {@code cache@version}, or {@code cache} without a version. */
    static String remoteName(String cache, @Nullable String version) {
        return version == null ? cache : cache + "@" + version;
    }
}
