package dev.larder.internal.writebehind.journal;

import dev.larder.Codec;
import dev.larder.ConfigurationException;
import dev.larder.LarderConfig;
import dev.larder.ValueType;
import dev.larder.internal.config.ConfigKeys;
import dev.larder.internal.spi.RedisModule;
import dev.larder.internal.spi.RedisProvider;
import dev.larder.internal.spi.RemoteTiers;
import dev.larder.internal.writebehind.Journal;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Opens the journal {@code larder.writeBehind.journal} asks for, for one {@code @WriteBehind} method. */
public final class Journals {
    /** Segments of the file journal are rolled at this size. */
    static final long SEGMENT_BYTES = 16L * 1024 * 1024;

    private Journals() {}

    /**
     * The journal of one method.
     *
     * @param site the method, naming its journal
     * @param cache the method's cache, naming its Redis stream
     * @param hasBatchMethod whether recovered writes can be replayed (through the batch method)
     * @param valueType the declared type of the method's value, or {@code null} when unknown
     * @param codec the codec Redis values go through, or {@code null} for the JSON codec
     * @param tier the Redis tier of the configuration, or {@code null} when no cache uses Redis
     * @throws ConfigurationException when a journal is configured for a method that cannot be replayed, or the
     *     journal cannot be opened
     */
    public static Journal open(
            LarderConfig config,
            String site,
            String cache,
            boolean hasBatchMethod,
            @Nullable ValueType valueType,
            @Nullable Codec codec,
            @Nullable RemoteTiers tier) {
        String value = config.writeBehindJournal();
        if (value.equalsIgnoreCase("none")) {
            return Journal.NONE;
        }
        if (!hasBatchMethod) {
            throw new ConfigurationException(
                    ConfigKeys.WRITE_BEHIND_JOURNAL,
                    value,
                    "@WriteBehind method " + site + " has no batchMethod, and a journalled write can only be replayed"
                            + " through one after a restart (the body needs the original call's arguments); give it a"
                            + " batchMethod, or set larder.writeBehind.journal=none");
        }
        if (valueType == null) {
            throw new ConfigurationException(
                    ConfigKeys.WRITE_BEHIND_JOURNAL,
                    value,
                    "the declared value type of @WriteBehind method " + site + " is unknown, so a journalled value"
                            + " could not be decoded safely; rebuild the class with this version of Larder");
        }
        boolean redis = value.equalsIgnoreCase("redis");
        RedisProvider provider = redis || codec == null
                ? RedisModule.require(
                        ConfigKeys.WRITE_BEHIND_JOURNAL,
                        value,
                        redis ? "a Redis journal needs" : "a journal's default JSON codec needs",
                        redis
                                ? "add that dependency, or use larder.writeBehind.journal=file:<directory> or none"
                                : "add that dependency, or set another codec with Larder.codec(...)")
                : null;
        ValueBytes values = new ValueBytes(
                codec == null ? provider.jsonCodec(ConfigKeys.WRITE_BEHIND_JOURNAL, value, "a journal") : codec,
                valueType);
        if (redis) {
            return provider.journal(config, tier, config.namespace() + ":wb:{" + cache + "}:" + site, values);
        }
        Path directory = Path.of(ConfigKeys.journalDirectory(value)).resolve(directoryName(site));
        try {
            return FileJournal.open(directory, values, config.writeBehindFsync(), SEGMENT_BYTES);
        } catch (UncheckedIOException e) {
            throw new ConfigurationException(ConfigKeys.WRITE_BEHIND_JOURNAL, value, e.getMessage());
        }
    }

    /** Whether a journal recovers writes after it was opened: the Redis journal, taking over from dead JVMs. */
    public static boolean takesOverLater(Journal journal) {
        return journal.takesOverLater();
    }

    /** A directory name for a method: its site with unsafe characters replaced, and a hash that keeps it unique. */
    static String directoryName(String site) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < site.length() && name.length() < 100; i++) {
            char c = site.charAt(i);
            name.append(Character.isLetterOrDigit(c) || c == '.' || c == '-' ? c : '_');
        }
        return name + "-" + Integer.toHexString(site.hashCode()).toLowerCase(Locale.ROOT);
    }
}
