package dev.larder.internal.config;

import dev.larder.internal.log.Logs;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Reads configuration entries from the places Larder looks: {@code larder.properties} files on the classpath,
 * environment variables, system properties and plain maps. Each entry keeps a description of where it came from so
 * that an error can say so. Entries are not checked here; keys come back in their full {@code larder.} form and
 * values trimmed.
 */
public final class ConfigSources {
    /** The name of the configuration file looked up on the classpath. */
    public static final String FILE_NAME = "larder.properties";

    /** The logger of configuration warnings. */
    public static final String LOGGER = "dev.larder.config";

    private static final String ENVIRONMENT_PREFIX = "LARDER_";

    /** One key and value from one source, such as {@code system property}. */
    public record Entry(String key, String value, String source) {}

    private ConfigSources() {}

    /**
     * Every {@code larder.properties} that {@code loader} finds, in classpath order (so that later files win when
     * applied in order), read as UTF-8. Keys may be written with or without {@code larder.}.
     *
     * @throws UncheckedIOException if a file cannot be read
     */
    public static List<Entry> classpath(ClassLoader loader) {
        List<URL> files;
        try {
            files = Collections.list(loader.getResources(FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look up " + FILE_NAME + " on the classpath", e);
        }
        if (files.size() > 1) {
            // The logger is looked up only when there is something to log: looking it up starts the logging system.
            Logs.get(ConfigSources.class.getName())
                    .log(
                            System.Logger.Level.INFO,
                            "{0} {1} files on the classpath, merged in classpath order (later files win): {2}",
                            files.size(),
                            FILE_NAME,
                            files);
        }
        List<Entry> entries = new ArrayList<>();
        for (URL file : files) {
            String source = FILE_NAME + " at " + file;
            for (Map.Entry<String, String> property : read(file).entrySet()) {
                entries.add(entry(property.getKey(), property.getValue(), source));
            }
        }
        return entries;
    }

    /**
     * The environment variables that stand for global keys ({@code LARDER_REDIS_URI} for {@code larder.redis.uri});
     * other variables, and blank ones (as container tools often export), are ignored. A {@code LARDER_} variable that
     * stands for no key is logged as a warning with the nearest known variable, not an error: the environment is
     * shared with other tools, which Larder must not stop.
     */
    public static List<Entry> environment(Map<String, String> environment) {
        // Only Larder's variables are sorted (by name, so that the order is the same on every platform), not the whole
        // environment.
        TreeMap<String, String> larder = new TreeMap<>();
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            String name = variable.getKey();
            if (ConfigKeys.forEnvironmentVariable(name).isPresent()) {
                larder.put(name, variable.getValue());
            } else if (name.regionMatches(true, 0, ENVIRONMENT_PREFIX, 0, ENVIRONMENT_PREFIX.length())) {
                warnUnknown("environment variable " + name, ConfigKeys.unknownEnvironmentVariable(name));
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, String> variable : larder.entrySet()) {
            String name = variable.getKey();
            String value = variable.getValue();
            if (!value.isBlank()) {
                String key = ConfigKeys.forEnvironmentVariable(name).orElseThrow();
                entries.add(new Entry(key, value.trim(), "environment variable " + name));
            }
        }
        return entries;
    }

    /**
     * The system properties whose names start with exactly {@code larder.}; all others are not Larder's. One that is
     * no known key is logged as a warning with the nearest known key, and left out, not an error: build tools pass
     * their own properties on ({@code mvn -Dlarder.version=1.2 verify} reaches the tests through Surefire). Its
     * value is never logged.
     */
    public static List<Entry> systemProperties(Properties properties) {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, String> property : copy(properties).entrySet()) {
            String key = property.getKey();
            if (!key.startsWith(ConfigKeys.PREFIX)) {
                continue;
            }
            if (ConfigKeys.isKnown(key)) {
                entries.add(new Entry(key, property.getValue().trim(), "system property"));
            } else {
                warnUnknown("system property " + key, ConfigKeys.unknownKey(key));
            }
        }
        return entries;
    }

    private static void warnUnknown(String what, String why) {
        Logs.get(LOGGER)
                .log(System.Logger.Level.WARNING, "Ignoring " + what + ": " + why + " (not set from this source)");
    }

    /** The entries of {@code map}, whose keys may be written with or without {@code larder.}. */
    public static List<Entry> map(Map<String, String> map, String source) {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, String> item : new TreeMap<>(map).entrySet()) {
            entries.add(entry(item.getKey(), item.getValue(), source));
        }
        return entries;
    }

    /** The thread's context class loader, else the one that loaded Larder, else the system class loader. */
    public static ClassLoader defaultClassLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ConfigSources.class.getClassLoader();
        }
        return loader == null ? ClassLoader.getSystemClassLoader() : loader;
    }

    private static Entry entry(String key, String value, String source) {
        return new Entry(ConfigKeys.canonical(key), value.trim(), source);
    }

    private static Map<String, String> read(URL file) {
        Properties properties = new Properties();
        try (InputStream in = file.openStream();
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return copy(properties);
    }

    // stringPropertyNames takes a consistent snapshot even while other threads set properties.
    private static Map<String, String> copy(Properties properties) {
        Map<String, String> copy = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            String value = properties.getProperty(name);
            if (value != null) {
                copy.put(name, value);
            }
        }
        return copy;
    }
}
