package dev.larder.internal.redis;

import dev.larder.internal.tag.TagStamp;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The right to store one value under one Redis key, taken before the value is loaded and valid only while the key still
 * holds what it held then. A write, an invalidation (a tombstone) or another store replaces those bytes, so a load
 * that started before any of them can no longer store: its store is refused.
 *
 * <p>On a miss the lease is a marker stored under the key itself ({@link #MARKER} and a random token, with the lease
 * time as its TTL), as memcache keeps a lease on the item: other JVMs that find the marker know a load is under way. A marker that
 * replaced a tombstone carries the tombstone's version and expiry after its 50 bytes ({@link LeaseScripts}), as a
 * floor below which writes stay refused; so does one that replaced a stale tagged value, with that value's version. A refresh-ahead holds a lease on the value it refreshes instead: the SHA-1 of the bytes it found. Not thread-safe;
 * owned by one load.
 */
public final class Lease implements dev.larder.internal.tier.Lease {
    /** The first bytes of a lease marker; values start with another byte (see {@link Envelope}). */
    static final byte[] MARKER = "\u0001larder-lease:".getBytes(StandardCharsets.US_ASCII);

    final byte[] key;
    /** The marker this lease put under the key, to take it away again; null for a lease on a value. */
    final byte @Nullable [] marker;

    final String expectedSha1;
    /**
     * The version of the value the load stores, taken before the load reads the system of record: a write that comes
     * later is newer, so it may replace the stored value, and one that came earlier is older, so it may not.
     */
    final long version;

    /** The cache whose Redis tag clock a tagged load reads ({@link #tagged}); null for a lease that stores no tags. */
    private @Nullable RemoteCache remote;

    /** The Redis tag clock read before a tagged load ran; {@link #UNKNOWN} when it could not be read. */
    volatile long tagsSince = UNKNOWN;

    /** The tags of the value to store; null for an untagged method. */
    volatile String @Nullable [] tags;

    static final long UNKNOWN = -1;

    private Lease(byte[] key, byte @Nullable [] marker, String expectedSha1) {
        this.key = key;
        this.marker = marker;
        this.expectedSha1 = expectedSha1;
        this.version = HybridClock.next();
    }

    /** A new marker with a token of its own, for {@link RedisOps#getOrLease}. */
    static byte[] newMarker() {
        byte[] token = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        byte[] marker = new byte[MARKER.length + token.length];
        System.arraycopy(MARKER, 0, marker, 0, MARKER.length);
        System.arraycopy(token, 0, marker, MARKER.length, token.length);
        return marker;
    }

    /** The lease a miss took by setting the key to {@code marker}. */
    static Lease onMiss(byte[] key, byte[] marker) {
        return new Lease(key, marker, Sha1.hex(marker));
    }

    /** The lease a miss of {@code remote}'s cache took: a tagged load reads that cache's tag clock. */
    static Lease onMiss(byte[] key, byte[] marker, RemoteCache remote) {
        Lease lease = onMiss(key, marker);
        lease.remote = remote;
        return lease;
    }

    /** Reads the Redis tag clock, before the tagged load's method runs; its value is stamped with the reading. */
    @Override
    public void tagged() {
        RemoteCache owner = remote;
        if (owner != null) {
            tagsSince = owner.tagClock();
        }
    }

    @Override
    public void tag(TagStamp stamp) {
        tags = stamp.names();
    }

    /** A lease on the value whose bytes the key holds now. */
    static Lease onValue(byte[] key, byte[] bytes) {
        return new Lease(key, null, Sha1.hex(bytes));
    }

    /** Whether the bytes under a key are a lease marker: a load is under way and the key has no value. */
    static boolean isMarker(byte[] bytes) {
        if (bytes.length < MARKER.length) {
            return false;
        }
        for (int i = 0; i < MARKER.length; i++) {
            if (bytes[i] != MARKER[i]) {
                return false;
            }
        }
        return true;
    }
}
