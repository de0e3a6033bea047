package dev.larder.internal.redis;

import org.jspecify.annotations.Nullable;

/**
 * What a miss found in Redis ({@link RemoteCache#lookup}): a value, a lease of its own to load and store the value
 * under, another JVM's lease (a load is under way there), or nothing usable (Redis unavailable, or the key cannot be
 * stored now).
 */
public final class Lookup {
    private static final Lookup HELD = new Lookup(null, null);
    private static final Lookup UNAVAILABLE = new Lookup(null, null);

    private final @Nullable RemoteValue value;
    private final @Nullable Lease lease;

    private Lookup(@Nullable RemoteValue value, @Nullable Lease lease) {
        this.value = value;
        this.lease = lease;
    }

    static Lookup found(RemoteValue value, @Nullable Lease leaseOnValue) {
        return new Lookup(value, leaseOnValue);
    }

    static Lookup leased(Lease lease) {
        return new Lookup(null, lease);
    }

    static Lookup heldElsewhere() {
        return HELD;
    }

    static Lookup unavailable() {
        return UNAVAILABLE;
    }

    /** The value found, or null when none was. */
    public @Nullable RemoteValue value() {
        return value;
    }

    /**
     * The lease to store a loaded value under: after a miss that took it, or, for {@link RemoteCache#leaseToRefresh},
     * on the value found; null otherwise.
     */
    public @Nullable Lease lease() {
        return lease;
    }

    /** Whether another JVM holds the key's lease: it is loading the value. */
    public boolean held() {
        return this == HELD;
    }
}
