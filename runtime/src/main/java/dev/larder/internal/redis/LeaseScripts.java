package dev.larder.internal.redis;

/**
 * The Lua scripts of the lease protocol (see {@link Lease}), one key each, so they run on a Cluster as on one server.
 * Public for the benchmarks, which time them beside plain commands.
 */
public final class LeaseScripts {
    /** KEYS[1] the key; ARGV[1] a lease marker, ARGV[2] its TTL in ms. The value, or nil after setting the marker. */
    public static final String GET_OR_LEASE = "local v = redis.call('get', KEYS[1])\n"
            + "if v then return v end\n"
            + "redis.call('set', KEYS[1], ARGV[1], 'px', ARGV[2])\n"
            + "return false";

    /**
     * KEYS[1] the key; ARGV[1] the SHA-1 (hex) of the bytes the key must hold, ARGV[2] the new value, ARGV[3] its TTL in
     * ms (0: none). 1 when set, 0 when the key held anything else or nothing.
     */
    public static final String REPLACE = "local v = redis.call('get', KEYS[1])\n"
            + "if not v or redis.sha1hex(v) ~= ARGV[1] then return 0 end\n"
            + "if ARGV[3] == '0' then redis.call('set', KEYS[1], ARGV[2])\n"
            + "else redis.call('set', KEYS[1], ARGV[2], 'px', ARGV[3]) end\n"
            + "return 1";

    /** KEYS[1] the key; ARGV[1] a lease marker. Deletes the key while it holds the marker. */
    public static final String COMPARE_AND_DELETE =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private LeaseScripts() {}
}
