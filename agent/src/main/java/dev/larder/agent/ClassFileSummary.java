package dev.larder.agent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the agent's pre-filter needs from a class file, read straight from its bytes without a class-file library: the access
 * flags, the super class and interfaces, and whether the constant pool names a Larder method annotation. Only
 * constant-pool entries that are whole field descriptors count, as annotation types always are, so a string constant
 * mentioning Larder does not; a false "yes" only costs a full look by the weaver.
 *
 * @param superName the internal name of the super class, or null for {@code java.lang.Object} and modules
 */
record ClassFileSummary(int access, @Nullable String superName, List<String> interfaces, boolean annotated) {
    static final int ACC_FINAL = 0x0010;
    static final int ACC_SYNTHETIC = 0x1000;
    private static final byte[] ANNOTATION_PREFIX = "Ldev/larder/annotation/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE_DEFAULTS = "CacheDefaults;".getBytes(StandardCharsets.US_ASCII);

    /** The summary, or null when the bytes are not a class file this reader understands (a newer constant kind). */
    static @Nullable ClassFileSummary read(byte[] b) {
        return read(b, List.of());
    }

    /**
     * As {@link #read(byte[])}, counting as annotated also a descriptor that starts with one of {@code prefixes} (the
     * Spring Cache and JCache annotation packages when they are switched on, {@link
     * dev.larder.weaver.Dialects#descriptorPrefixes}).
     */
    static @Nullable ClassFileSummary read(byte[] b, List<byte[]> prefixes) {
        try {
            return parse(b, prefixes);
        } catch (IndexOutOfBoundsException e) {
            return null;
        }
    }

    /** The prefixes as {@link #read(byte[], List)} takes them. */
    static List<byte[]> prefixes(List<String> descriptorPrefixes) {
        List<byte[]> prefixes = new ArrayList<>();
        for (String prefix : descriptorPrefixes) {
            prefixes.add(prefix.getBytes(StandardCharsets.US_ASCII));
        }
        return List.copyOf(prefixes);
    }

    private static @Nullable ClassFileSummary parse(byte[] b, List<byte[]> prefixes) {
        if (u4(b, 0) != 0xCAFEBABE) {
            return null;
        }
        int count = u2(b, 8);
        int[] utf8 = new int[count]; // offset of each UTF-8 entry's length, 0 if the entry is another kind
        int[] classes = new int[count]; // for Class entries: the index of the name
        boolean annotated = false;
        // Checked per UTF-8 entry of every class that loads: with no other library switched on, no loop at all.
        boolean foreign = !prefixes.isEmpty();
        int p = 10;
        for (int i = 1; i < count; i++) {
            int tag = b[p] & 0xFF;
            switch (tag) {
                case 1 -> {
                    utf8[i] = p + 1;
                    int length = u2(b, p + 1);
                    if (!annotated) {
                        annotated = isMethodAnnotation(b, p + 3, length)
                                || (foreign && startsWithAny(b, p + 3, length, prefixes));
                    }
                    p += 3 + length;
                }
                case 7 -> {
                    classes[i] = u2(b, p + 1);
                    p += 3;
                }
                case 8, 16, 19, 20 -> p += 3;
                case 15 -> p += 4;
                case 3, 4, 9, 10, 11, 12, 17, 18 -> p += 5;
                case 5, 6 -> {
                    p += 9;
                    i++;
                }
                default -> {
                    return null;
                }
            }
        }
        int access = u2(b, p);
        String superName = className(b, utf8, classes, u2(b, p + 4));
        int interfaceCount = u2(b, p + 6);
        List<String> interfaces = new ArrayList<>(interfaceCount);
        for (int i = 0; i < interfaceCount; i++) {
            String name = className(b, utf8, classes, u2(b, p + 8 + 2 * i));
            if (name != null) {
                interfaces.add(name);
            }
        }
        return new ClassFileSummary(access, superName, List.copyOf(interfaces), annotated);
    }

    /** A Larder annotation type other than {@code @CacheDefaults}, which alone weaves nothing. */
    private static boolean isMethodAnnotation(byte[] b, int start, int length) {
        if (length < ANNOTATION_PREFIX.length || !regionMatches(b, start, ANNOTATION_PREFIX)) {
            return false;
        }
        return length != ANNOTATION_PREFIX.length + TYPE_DEFAULTS.length
                || !regionMatches(b, start + ANNOTATION_PREFIX.length, TYPE_DEFAULTS);
    }

    private static boolean startsWithAny(byte[] b, int start, int length, List<byte[]> prefixes) {
        for (byte[] prefix : prefixes) {
            if (length >= prefix.length && regionMatches(b, start, prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionMatches(byte[] b, int start, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (b[start + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static @Nullable String className(byte[] b, int[] utf8, int[] classes, int index) {
        if (index == 0 || index >= classes.length || classes[index] == 0) {
            return null;
        }
        int offset = utf8[classes[index]];
        // Class names are ASCII in practice; a modified-UTF-8 name decodes the same for everything but NUL.
        return new String(b, offset + 2, u2(b, offset), StandardCharsets.UTF_8);
    }

    private static int u2(byte[] b, int p) {
        return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }

    private static int u4(byte[] b, int p) {
        return (u2(b, p) << 16) | u2(b, p + 2);
    }
}
