package dev.larder.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The record of the last weave of one folder, kept in {@code target/}: for each class file, the SHA-256 of the file as
 * it was read and as it was written. A class file whose bytes still match both was woven (or found to need nothing)
 * from the same input, so the next run does not read it again. The first line fingerprints what else decides the
 * output (the plugin version, a digest of the weaver, model and runtime code, the rules and the filter); when it differs, the record is ignored.
 *
 * <p>Losing the file is harmless: every class is then read again, and classes already woven are recognised by the
 * weaver's marker.
 */
final class WeaveState {
    private static final String HEADER = "# larder-maven-plugin weave state v1 ";

    private final Path file;
    private final String fingerprint;

    WeaveState(Path file, String fingerprint) {
        this.file = Objects.requireNonNull(file, "file");
        this.fingerprint = fingerprint.replaceAll("\\s+", " ");
    }

    /** Hashes recorded by the last run; which of the class files now in the folders are up to date. */
    static final class Snapshot {
        private final Map<String, Entry> entries;
        private final Path input;
        private final Path output;
        private final boolean inPlace;
        private int upToDate;

        private Snapshot(Map<String, Entry> entries, Path input, Path output, boolean inPlace) {
            this.entries = entries;
            this.input = input;
            this.output = output;
            this.inPlace = inPlace;
        }

        /**
         * Whether the class file at {@code name} (relative, {@code /}-separated) is as the last run left it. Other
         * files are never up to date, so that they are copied when the output is another folder.
         */
        boolean isUpToDate(String name) {
            Entry entry = entries.get(name);
            if (entry == null || !name.endsWith(".class")) {
                return false;
            }
            String now = sha256(input.resolve(name));
            boolean same = inPlace
                    ? entry.written().equals(now)
                    : entry.read().equals(now) && entry.written().equals(sha256(output.resolve(name)));
            if (same) {
                upToDate++;
            }
            return same;
        }

        int upToDate() {
            return upToDate;
        }
    }

    private record Entry(String read, String written) {}

    /** Reads the record; an absent, unreadable or foreign one is an empty snapshot. */
    Snapshot read(Path input, Path output, boolean inPlace) {
        Map<String, Entry> entries = new HashMap<>();
        try {
            if (Files.isRegularFile(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (!lines.isEmpty() && lines.get(0).equals(HEADER + fingerprint)) {
                    for (String line : lines.subList(1, lines.size())) {
                        String[] parts = line.split(" ");
                        if (parts.length == 3) {
                            entries.put(parts[0], new Entry(parts[1], parts[2]));
                        }
                    }
                }
            }
        } catch (IOException e) {
            entries.clear();
        }
        return new Snapshot(entries, input, output, inPlace);
    }

    /**
     * Records every class file of {@code input} as it is now, except those of {@code failed} types: they are read
     * again next time. In another output folder, class files whose input is gone are deleted.
     */
    void write(Snapshot previous, Path input, Path output, boolean inPlace, Set<String> failed) throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.walk(input)) {
            names = files.filter(path -> path.toString().endsWith(".class"))
                    .map(path -> input.relativize(path).toString().replace('\\', '/'))
                    .sorted()
                    .collect(Collectors.toList());
        }
        List<String> lines = new ArrayList<>();
        lines.add(HEADER + fingerprint);
        for (String name : names) {
            String type = name.substring(0, name.length() - ".class".length()).replace('/', '.');
            Path written = output.resolve(name);
            if (failed.contains(type) || !Files.isRegularFile(written)) {
                continue;
            }
            String writtenHash = sha256(written);
            lines.add(name + " " + (inPlace ? writtenHash : sha256(input.resolve(name))) + " " + writtenHash);
        }
        if (!inPlace) {
            for (String gone : previous.entries.keySet()) {
                if (!Files.exists(input.resolve(gone))) {
                    Files.deleteIfExists(output.resolve(gone));
                }
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    static String sha256(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
