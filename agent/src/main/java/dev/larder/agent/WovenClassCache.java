package dev.larder.agent;

import dev.larder.weaver.ClassFiles;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Woven class files kept in a folder between runs (agent option {@code cache=<folder>}): a JVM that starts again with
 * the same classes, agent and rules defines them as they were woven the last time, without loading the weaver or ASM.
 * That is most of the agent's start-up cost beyond the runtime's own.
 *
 * <p>An entry is used only if nothing its weave depended on has changed: the class file itself (compared byte for
 * byte), every supertype and parameter type class file the weaver read through the class's loader (compared by length
 * and CRC-32C, read again from that loader), and the agent build and rules file (the fingerprint). A class the weaver
 * reported problems for is not stored, so its problems are reported on every start. Entries are written to a file of
 * their own and moved into place, so JVMs sharing the folder never see half an entry; whatever cannot be read is a
 * miss, and a folder that cannot be written to is logged once and then left alone. Thread-safe: it holds no state but
 * the folder.
 *
 * <p>The files become classes of the application: the folder must be writable only by the user that runs it, as its
 * class path is.
 */
final class WovenClassCache {
    private static final int MAGIC = 0x4C645743; // "LdWC"
    private static final int FORMAT = 1;
    private static final int MAX_NAME = 150;

    /** What the folder holds for a class: the woven class file, or null when weaving left the class as it was. */
    record Entry(byte @Nullable [] woven) {}

    private final Path folder;
    private final String fingerprint;
    private volatile boolean writable = true;

    WovenClassCache(Path folder, String fingerprint) {
        this.folder = folder;
        this.fingerprint = fingerprint;
    }

    /**
     * Opens the cache in {@code folder}, creating it if need be, for an agent build and rules file.
     *
     * @param agentBuild what identifies the agent's build, as {@link #agentBuild()} gives it
     * @throws IOException if the folder cannot be created or the rules file read
     */
    static WovenClassCache open(Path folder, @Nullable Path rules, String agentBuild) throws IOException {
        Files.createDirectories(folder);
        String rulesChecksum =
                rules == null ? "none" : Long.toHexString(RecordingSource.checksum(Files.readAllBytes(rules)));
        return new WovenClassCache(folder, agentBuild + "|rules=" + rulesChecksum);
    }

    /**
     * The agent jar's path, size and modification time: a rebuilt or replaced agent never reads older entries.
     *
     * @throws IOException if the agent does not run from its jar, so its build has no identity to key entries by
     */
    static String agentBuild() throws IOException {
        Path jar = AgentJar.path();
        if (jar == null) {
            throw new IOException("the cache needs the agent to run from its jar, not from a folder of classes");
        }
        return jar + "|" + Files.size(jar) + "|"
                + Files.getLastModifiedTime(jar).toMillis();
    }

    /**
     * The entry for {@code classFile}, or null if there is none or anything it depended on has changed.
     *
     * @param source where the class's loader finds the class files the weave read
     */
    @Nullable
    Entry find(String internalName, byte[] classFile, ClassFiles.Source source) {
        byte[] stored;
        try {
            stored = Files.readAllBytes(file(internalName, classFile));
        } catch (IOException | RuntimeException e) {
            return null; // none yet, or unreadable
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            if (in.readInt() != MAGIC
                    || in.readInt() != FORMAT
                    || !in.readUTF().equals(fingerprint)
                    || !in.readUTF().equals(internalName)
                    || !Arrays.equals(readBytes(in), classFile)) {
                return null;
            }
            int dependencies = in.readInt();
            for (int i = 0; i < dependencies; i++) {
                String name = in.readUTF();
                if (in.readLong() != RecordingSource.checksum(source.read(name))) {
                    return null;
                }
            }
            return new Entry(in.readBoolean() ? readBytes(in) : null);
        } catch (IOException | RuntimeException e) {
            return null; // a truncated or foreign file: weave again and replace it
        }
    }

    /**
     * Stores how {@code classFile} was woven.
     *
     * @param dependencies the class files the weave read, as {@link RecordingSource#reads()} gives them
     * @param woven the woven class file, or null if weaving left the class as it was
     */
    void store(String internalName, byte[] classFile, Map<String, Long> dependencies, byte @Nullable [] woven) {
        if (!writable) {
            return;
        }
        Path target = file(internalName, classFile);
        // Unique per thread and JVM, in the same folder, so the move below is a rename.
        Path temporary = target.resolveSibling(target.getFileName() + "."
                + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId() + ".tmp");
        try {
            try (OutputStream file = Files.newOutputStream(temporary);
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file))) {
                out.writeInt(MAGIC);
                out.writeInt(FORMAT);
                out.writeUTF(fingerprint);
                out.writeUTF(internalName);
                writeBytes(out, classFile);
                out.writeInt(dependencies.size());
                for (Map.Entry<String, Long> dependency : dependencies.entrySet()) {
                    out.writeUTF(dependency.getKey());
                    out.writeLong(dependency.getValue());
                }
                out.writeBoolean(woven != null);
                if (woven != null) {
                    writeBytes(out, woven);
                }
            }
            move(temporary, target);
            deleteOlderEntries(target);
        } catch (IOException | RuntimeException e) {
            writable = false;
            deleteQuietly(temporary);
            AgentStartup.log().log(
                    System.Logger.Level.WARNING,
                    "Larder agent: cannot write woven classes to " + folder + " (" + e
                            + "); classes are woven on every start");
        }
    }

    private static void move(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** One file per class file: the class's name, for people looking at the folder, and its checksum. */
    private Path file(String internalName, byte[] classFile) {
        return folder.resolve(prefix(internalName) + Long.toHexString(RecordingSource.checksum(classFile)) + ".woven");
    }

    private static String prefix(String internalName) {
        String name = internalName.replace('/', '.');
        return (name.length() > MAX_NAME ? name.substring(name.length() - MAX_NAME) : name) + "-";
    }

    /**
     * The entries of earlier versions of the class just stored, so that a folder used while classes are recompiled does
     * not grow with every build. Another application sharing the folder with another version of the class only weaves
     * it again.
     */
    private void deleteOlderEntries(Path current) throws IOException {
        String prefix = current.getFileName().toString();
        prefix = prefix.substring(0, prefix.lastIndexOf('-') + 1);
        try (DirectoryStream<Path> older = Files.newDirectoryStream(folder, glob(prefix) + "*.woven")) {
            for (Path entry : older) {
                if (!entry.equals(current)) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    /** {@code text} as a glob that matches only itself. */
    private static String glob(String text) {
        StringBuilder glob = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("*?[]{}\\".indexOf(c) >= 0) {
                glob.append('\\');
            }
            glob.append(c);
        }
        return glob.toString();
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) { // the stream is an array: available() is what is left
            throw new IOException("Truncated entry");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing more to do: a stray temporary file is never read as an entry
        }
    }
}
