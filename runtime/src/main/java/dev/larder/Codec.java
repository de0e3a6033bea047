package dev.larder;

/**
 * Turns cached values into bytes for Redis and back. The default is a JSON codec on Jackson, provided by {@code
 * dev.larder:larder-redis}, that decodes into the method's declared return type,
 * so the bytes in Redis never choose which class is instantiated. Install another one with {@link Larder#codec(Codec)}
 * before the first Redis-backed call.
 *
 * <p>Codecs never see {@code null}: Larder marks null results itself. For {@code Optional} and {@code
 * CompletableFuture} results the codec sees the inner value and the inner type. A codec must be thread-safe. What
 * {@link #decode} throws is counted as a backend error and turns the read into a miss: the method runs and its result
 * replaces the bytes; it never reaches the caller. What {@link #encode} throws is counted the same way and the value
 * is then not stored in Redis.
 */
public interface Codec {

    /** The bytes of a non-null value, written by its own (runtime) class. */
    byte[] encode(Object value) throws Exception;

    /**
     * The value of bytes that {@link #encode} wrote, as an instance of {@code type}.
     *
     * @throws Exception when the bytes are not a value of that type
     */
    Object decode(byte[] bytes, ValueType type) throws Exception;
}
