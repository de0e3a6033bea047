package dev.larder.internal.redis;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The versions of writes to Redis: a hybrid time, {@code currentTimeMillis} shifted left by {@link #LOGICAL_BITS} plus
 * a counter, never decreasing in this JVM (also when the wall clock steps back) and advanced past every version Redis
 * reported newer than one of this JVM's; ties between JVMs are broken by a random node number drawn once per JVM.
 *
 * <p>Written as a stamp of {@link #STAMP_LENGTH} ASCII hex digits (14 for the time, 8 for the node), which the scripts
 * of {@link LeaseScripts} compare as two numbers. A time stays below 2^53 until the year 2248, so Lua's numbers (doubles)
 * hold it exactly. Thread-safe, lock-free.
 */
final class HybridClock {
    static final int STAMP_LENGTH = 22;
    private static final int LOGICAL_BITS = 10;
    private static final int TIME_DIGITS = 14;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final long NODE = new SecureRandom().nextInt() & 0xffff_ffffL;
    private static final AtomicLong LAST = new AtomicLong();
    private static final AtomicLong LAST_MICROS = new AtomicLong();

    private HybridClock() {}

    /** A version greater than every one this JVM made or observed before. */
    static long next() {
        long physical = System.currentTimeMillis() << LOGICAL_BITS;
        return LAST.accumulateAndGet(physical, (last, now) -> Math.max(last + 1, now));
    }

    /**
     * Microseconds of wall-clock time, greater than every number this method returned before in this JVM: the floor of
     * counters kept in Redis (the tag clock, a cache's generation), so that one lost in a restart comes back above every
     * number this JVM took from it, also when both happen within one millisecond or the wall clock steps back.
     */
    static long micros() {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
        return LAST_MICROS.accumulateAndGet(micros, (last, time) -> Math.max(last + 1, time));
    }

    /**
     * Moves the floor {@link #micros} gives past a counter reading this JVM saw in Redis (the tag clock, a generation),
     * which another JVM's faster clock may have set: a counter lost afterwards comes back above it from this JVM too.
     */
    static void observeMicros(long reading) {
        // Bytes Larder did not write read as Long.MAX_VALUE: a floor past them would overflow.
        if (reading < Long.MAX_VALUE / 2) {
            LAST_MICROS.accumulateAndGet(reading, Math::max);
        }
    }

    /** Moves this JVM's clock past a version another JVM made, so that its next writes are newer. */
    static void observe(long version) {
        LAST.accumulateAndGet(version, Math::max);
    }

    /** The wall-clock milliseconds a version was taken at (on its JVM's clock). */
    static long millis(long version) {
        return version >>> LOGICAL_BITS;
    }

    /** Writes the stamp of {@code version} (with this JVM's node) at {@code offset}. */
    static void stamp(long version, byte[] into, int offset) {
        hex(version, TIME_DIGITS, into, offset);
        hex(NODE, STAMP_LENGTH - TIME_DIGITS, into, offset + TIME_DIGITS);
    }

    /** The version in a stamp Redis returned; -1 when the bytes are not a stamp. */
    static long version(byte[] stamp) {
        if (stamp.length != STAMP_LENGTH) {
            return -1;
        }
        long version = 0;
        for (int i = 0; i < TIME_DIGITS; i++) {
            int digit = Character.digit(stamp[i], 16);
            if (digit < 0) {
                return -1;
            }
            version = version << 4 | digit;
        }
        return version;
    }

    private static void hex(long value, int digits, byte[] into, int offset) {
        for (int i = digits - 1; i >= 0; i--) {
            into[offset + i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
    }
}
