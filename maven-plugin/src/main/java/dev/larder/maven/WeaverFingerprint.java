package dev.larder.maven;

import dev.larder.internal.weave.WovenMethods;
import dev.larder.model.MethodModel;
import dev.larder.weaver.LarderWeaver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A digest of the code that decides what woven classes look like: the weaver, the model and the runtime that woven code
 * calls. A snapshot version names many builds of that code, so the weave state keys on this digest as well as on the
 * version: classes woven by an earlier weaver are woven again, never kept with calls an updated runtime no longer has.
 */
final class WeaverFingerprint {
    private WeaverFingerprint() {}

    static String of() {
        MessageDigest digest = sha256();
        for (Class<?> type : List.of(LarderWeaver.class, MethodModel.class, WovenMethods.class)) {
            digestLocation(type, digest);
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 12);
    }

    private static void digestLocation(Class<?> type, MessageDigest digest) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null) {
            digest.update(type.getName().getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            if (Files.isDirectory(location)) {
                // a reactor build: the module's class folder, read in a stable order
                try (Stream<Path> files = Files.walk(location)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        digest.update(location.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                        digestFile(file, digest);
                    }
                }
            } else {
                digestFile(location, digest);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | IllegalArgumentException e) {
            digest.update(source.getLocation().toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void digestFile(Path file, MessageDigest digest) throws IOException {
        byte[] buffer = new byte[8192];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
