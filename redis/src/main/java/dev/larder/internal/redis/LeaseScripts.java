package dev.larder.internal.redis;

/**
 * The Lua scripts of the lease protocol (see {@link Lease}) and of versioned writes, one key each, so they run on a
 * Cluster as on one server: a key's version lives inside its own bytes. Public for the benchmarks, which time them
 * beside plain commands.
 *
 * <p>What a key holds: a value or a tombstone ({@link Envelope}, version stamp at offset 3), or a lease marker ({@link
 * Lease}: 50 bytes, then, when it replaced a tombstone, the tombstone's stamp and expiry as a floor). Stamps ({@link
 * HybridClock}) compare as two hex numbers, time then node; bytes without a stamp (format 1, foreign bytes, a marker
 * without a floor) are older than every stamp. A write older than what the key holds is refused, so a write that a
 * stalled connection delivers late never lands over a newer write or invalidation.
 */
public final class LeaseScripts {
    /** The stamp of a key's bytes (nil when they have none), and whether stamp a is older than stamp b. */
    private static final String PRELUDE = "local M = '\\001larder-lease:'\n"
            + "local function stamp(v)\n"
            + "  if string.byte(v, 1) == 76 and string.byte(v, 2) == 2 and #v >= 25 then return string.sub(v, 4, 25) end\n"
            + "  if #v > 50 and string.sub(v, 1, 14) == M then return string.sub(v, 51, 72) end\n"
            + "  return nil\n"
            + "end\n"
            + "local function older(a, b)\n"
            + "  if not b then return false end\n"
            + "  if not a then return true end\n"
            + "  local x, y = tonumber(string.sub(a, 1, 14), 16), tonumber(string.sub(b, 1, 14), 16)\n"
            + "  if x ~= y then return x < y end\n"
            + "  return tonumber(string.sub(a, 15, 22), 16) < tonumber(string.sub(b, 15, 22), 16)\n"
            + "end\n";

    /**
     * lease(k, m, ttl): the value of key k, or false after setting it to marker m for ttl ms. A tombstone counts as
     * absent; the marker that replaces it carries its stamp and expiry, so that writes older than the invalidation stay
     * refused while the load runs.
     */
    private static final String LEASE = "local function lease(k, m, ttl)\n"
            + "  local v = redis.call('get', k)\n"
            + "  if v then\n"
            + "    if string.byte(v, 1) ~= 76 or string.byte(v, 2) ~= 2 or string.byte(v, 3) ~= 2 then return v end\n"
            + "    m = m .. string.sub(v, 4)\n"
            + "  end\n"
            + "  redis.call('set', k, m, 'px', ttl)\n"
            + "  return false\n"
            + "end\n";

    /** replace(k, sha, new, ttl): the one body of {@link #REPLACE} and {@link #REPLACE_ALL}. */
    private static final String REPLACE_FUNCTION = "local function replace(k, sha, new, ttl)\n"
            + "  local v = redis.call('get', k)\n"
            + "  if not v then return 0 end\n"
            + "  local id = v\n"
            + "  if #v > 50 and string.sub(v, 1, 14) == M then id = string.sub(v, 1, 50) end\n"
            + "  if redis.sha1hex(id) ~= sha then return 0 end\n"
            + "  local held = stamp(v)\n"
            + "  if string.byte(new, 1) == 76 and string.byte(new, 2) == 2 and older(stamp(new), held) then\n"
            + "    new = string.sub(new, 1, 3) .. held .. string.sub(new, 26)\n"
            + "  end\n"
            + "  if ttl == '0' then redis.call('set', k, new)\n"
            + "  else redis.call('set', k, new, 'px', ttl) end\n"
            + "  return 1\n"
            + "end\n";

    /** KEYS[1] the key; ARGV[1] a lease marker, ARGV[2] its TTL in ms. The value, or nil after setting the marker. */
    public static final String GET_OR_LEASE = LEASE + "return lease(KEYS[1], ARGV[1], ARGV[2])";

    /**
     * As {@link #GET_OR_LEASE} for every key of KEYS at once (one server, not a Cluster: the keys are in any slot);
     * ARGV[i] the marker of KEYS[i], the last ARGV their TTL in ms. One reply per key, in order: the value or nil.
     */
    public static final String GET_OR_LEASE_ALL =
            LEASE + "local ttl = ARGV[#KEYS + 1]\n" + forEveryKey("lease(k, ARGV[i], ttl)");

    /**
     * KEYS[1] the key; ARGV[1] the SHA-1 (hex) of the bytes the key must hold (of a marker: of its first 50 bytes,
     * without the floor), ARGV[2] the new bytes, ARGV[3] their TTL in ms (0: none). 1 when set, 0 when the key held
     * anything else or nothing. A value stored never lowers the key's version: it takes the held stamp when its own is
     * older.
     */
    public static final String REPLACE =
            PRELUDE + REPLACE_FUNCTION + "return replace(KEYS[1], ARGV[1], ARGV[2], ARGV[3])";

    /**
     * As {@link #REPLACE} for every key of KEYS at once (one server, not a Cluster: the keys are in any slot);
     * ARGV[2i - 1] and ARGV[2i] the SHA-1 and the new bytes of KEYS[i], the last ARGV their TTL in ms (0: none). One
     * reply per key, in order: 1 or 0.
     */
    public static final String REPLACE_ALL = PRELUDE
            + REPLACE_FUNCTION
            + "local ttl = ARGV[#ARGV]\n"
            + forEveryKey("replace(k, ARGV[2 * i - 1], ARGV[2 * i], ttl)");

    /** release(k, marker): the one body of {@link #COMPARE_AND_DELETE} and {@link #COMPARE_AND_DELETE_ALL}. */
    private static final String RELEASE_FUNCTION = "local function release(k, m)\n"
            + "  local v = redis.call('get', k)\n"
            + "  if not v or string.sub(v, 1, 50) ~= m then return 0 end\n"
            + "  if #v == 50 then redis.call('del', k) return 1 end\n"
            + "  redis.call('set', k, 'L\\2\\2' .. string.sub(v, 51))\n"
            + "  local expiry = tonumber(string.sub(v, 73))\n"
            + "  if expiry and expiry > 0 then redis.call('pexpireat', k, expiry) end\n"
            + "  return 1\n"
            + "end\n";

    /**
     * KEYS[1] the key; ARGV[1] a lease marker (50 bytes). Removes the key while it holds that marker; a marker with a
     * floor gives the key back the tombstone it replaced, with the tombstone's expiry. 1 when the key held the marker
     * (no write, delete or other store came since the lease was taken), else 0.
     */
    public static final String COMPARE_AND_DELETE = RELEASE_FUNCTION + "return release(KEYS[1], ARGV[1])";

    /**
     * As {@link #COMPARE_AND_DELETE} for every key of KEYS at once (one server, not a Cluster); ARGV[i] the marker of
     * KEYS[i]. One reply per key, in order.
     */
    public static final String COMPARE_AND_DELETE_ALL = RELEASE_FUNCTION + forEveryKey("release(k, ARGV[i])");

    /**
     * KEYS[1] the key; ARGV[1] a value or a tombstone, with its stamp; ARGV[2] when it expires, in epoch ms (0: never).
     * Sets the key unless it holds a newer stamp: 1 when set, else the newer stamp held. An expiry already past
     * removes the key at once.
     */
    public static final String WRITE = PRELUDE
            + "local v = redis.call('get', KEYS[1])\n"
            + "if v then\n"
            + "  local held = stamp(v)\n"
            + "  if older(stamp(ARGV[1]), held) then return held end\n"
            + "end\n"
            + "redis.call('set', KEYS[1], ARGV[1])\n"
            + "if ARGV[2] ~= '0' then redis.call('pexpireat', KEYS[1], ARGV[2]) end\n"
            + "return 1";

    private LeaseScripts() {}

    /** Lua that sets {@code out[i]} to {@code call} (over the key {@code k}, at {@code i}) for every key, and returns it. */
    private static String forEveryKey(String call) {
        return "local out = {}\nfor i, k in ipairs(KEYS) do out[i] = " + call + " end\nreturn out";
    }
}
