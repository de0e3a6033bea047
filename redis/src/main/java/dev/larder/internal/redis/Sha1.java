package dev.larder.internal.redis;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-1 in lowercase hex, as Redis computes it for scripts and {@code redis.sha1hex}. */
final class Sha1 {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Sha1() {}

    static String hex(byte[] bytes) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
        char[] hex = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(hex);
    }
}
