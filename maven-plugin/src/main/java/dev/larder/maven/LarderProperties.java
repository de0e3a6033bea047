package dev.larder.maven;

import dev.larder.LarderConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The {@code larder.properties} a build writes into its classes folder: the file from the resources, if any, with the
 * keys given in the pom on top (the pom wins for a key both set). The merged keys are checked with the runtime's own
 * validation ({@link LarderConfig.Builder#setAll}) before anything is written, so a malformed value fails the build
 * with the runtime's message naming the key, the value and what is allowed.
 *
 * <p>The file is written with sorted keys, every key with its {@code larder.} prefix, and no time stamp, and only
 * when its content changes.
 */
final class LarderProperties {
    static final String FILE_NAME = "larder.properties";
    private static final String PREFIX = "larder.";

    private LarderProperties() {}

    /**
     * Merges {@code fromPom} into the {@code larder.properties} of {@code classes}, validates and writes it.
     *
     * @return the merged keys and values
     * @throws dev.larder.ConfigurationException if a key is unknown or a value is malformed
     */
    static Map<String, String> write(Path classes, Map<String, String> fromPom) throws IOException {
        Path file = classes.resolve(FILE_NAME);
        Map<String, String> merged = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            Properties existing = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                existing.load(reader);
            }
            existing.stringPropertyNames().forEach(key -> merged.put(canonical(key), existing.getProperty(key)));
        }
        fromPom.forEach((key, value) -> merged.put(canonical(key), value == null ? "" : value));
        LarderConfig.builder().setAll(merged).build();

        String content = render(merged);
        if (!Files.isRegularFile(file)
                || !Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
            Files.createDirectories(classes);
            Files.writeString(file, content, StandardCharsets.UTF_8);
        }
        return merged;
    }

    /** Keys may be given without {@code larder.}, as everywhere in Larder; written with it, so that both merge. */
    static String canonical(String key) {
        String trimmed = key.trim();
        return trimmed.startsWith(PREFIX) ? trimmed : PREFIX + trimmed;
    }

    private static String render(Map<String, String> values) throws IOException {
        Properties properties = new Properties();
        properties.putAll(values);
        StringWriter text = new StringWriter();
        properties.store(text, null);
        // Properties.store writes a date comment and hash order; one entry per line, so sorting the lines is safe.
        String entries = text.toString()
                .lines()
                .filter(line -> !line.startsWith("#"))
                .sorted()
                .collect(Collectors.joining("\n", "", "\n"));
        return "# Written by larder-maven-plugin: src/main/resources/larder.properties merged with the pom's"
                + " <properties>, the pom winning.\n"
                + entries;
    }
}
