package dev.larder.internal.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Checks, when the configuration is read, that a file journal's directory can be written, so that a mistake shows at
 * start-up rather than as lost writes later.
 */
final class JournalDirectory {
    private JournalDirectory() {}

    /**
     * Creates the directory if it is missing and writes and deletes a probe file in it.
     *
     * @return why the directory cannot hold a journal, naming its absolute path, or {@code null} when it can
     */
    static @Nullable String problem(String directory) {
        Path path;
        try {
            path = Path.of(directory).toAbsolutePath();
        } catch (InvalidPathException e) {
            return "the journal directory is not a valid path: " + e.getReason();
        }
        try {
            Files.createDirectories(path);
            Path probe = Files.createTempFile(path, ".larder-probe", ".tmp");
            Files.delete(probe);
            return null;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return "the journal directory " + path + " cannot be written (" + reason(e) + ")";
        }
    }

    private static String reason(Exception e) {
        String kind = e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
    }
}
